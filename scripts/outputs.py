#!/usr/bin/env python
"""The course's committed outputs: write them, or check that they are still what the cells produce.

Every page of the docs site shows the outputs committed in its notebook (nbdev renders a page without running its
lesson cells). This script runs each notebook the way `nbdev_test` does (cells flagged `slow`, `cuda` or `network`
are skipped, as `settings.ini`'s `tst_flags` say) and then either

  --write   stores the outputs in the notebooks (then run `nbdev_clean`), or
  --check   compares them with the committed ones and fails on any difference.

The rule of the check: every code cell that produces an output must have one committed, and its text (printed
streams, the value a cell ends with, tables) must match after two normalizations: temporary paths become `$TMP`
and object addresses `0x..` (`--write` stores the paths so written); warnings (shown once per process) and progress bars are left out. A cell whose output depends on the clock or the machine (seconds, rows/s) says so
with a line `# output varies: <why>`; its output is checked for presence and kind only. Images are checked for
presence only (their bytes depend on the matplotlib build). Notebooks run each in a fresh process, in parallel.

  python scripts/outputs.py --write [NOTEBOOK ...]
  python scripts/outputs.py --check [NOTEBOOK ...]
"""
import argparse, multiprocessing, os, re, sys, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The committed outputs are made with one torch thread per notebook, as scripts/test.sh runs them: another thread count
# changes the order of float reductions, and with it a few printed digits (the DDP and patience cells of 07a and 07b).
os.environ.setdefault('OMP_NUM_THREADS', '1')
VARIES = '# output varies:'

TMP_PATH = re.compile(r'/tmp/[\w./-]*?tmp[\w]+')   # a temporary folder of the machine that ran the page

def portable(output: dict) -> dict:
    "A cell output as committed: temporary folders written `$TMP`, so a page shows no path of the machine that made it."
    o = dict(output)
    def sub(t):   # a text is a string or, in a notebook file, a list of lines: kept in its form
        if isinstance(t, str): return TMP_PATH.sub('$TMP', t)
        return TMP_PATH.sub('$TMP', ''.join(t)).splitlines(keepends=True) if isinstance(t, list) and any(TMP_PATH.search(l) for l in t) else t
    if 'text' in o: o['text'] = sub(o['text'])
    if 'data' in o: o['data'] = {k: sub(v) if k.startswith('text/') else v for k, v in o['data'].items()}
    return o

def _normalize(text: str) -> str:
    text = re.sub(r'<ipython-input-[^>]*>:\d+: \w*Warning: .*\n(  .*\n?)?', '', text)   # a warning shows once per process
    text = '\n'.join(l for l in text.splitlines() if not re.search(r'\d+/\d+ \[[\d:<]+, .*it/s\]', l))  # progress bars
    text = TMP_PATH.sub('$TMP', text)
    text = re.sub(r'0x[0-9a-fA-F]{6,}', '0x..', text)
    return text.strip()

def _summary(outputs) -> list:
    "What a cell's outputs say, as comparable (kind, text) pairs; images as their kind alone."
    out = []
    for o in outputs:
        kind = o.get('output_type')
        if kind == 'stream': out.append(('stream', _normalize(''.join(o.get('text', '')))))
        elif kind in ('execute_result', 'display_data'):
            data = o.get('data', {})
            if any(k.startswith('image/') for k in data): out.append(('image', ''))
            else: out.append(('value', _normalize(''.join(data.get('text/plain', '')))))
        elif kind == 'error': out.append(('error', o.get('ename', '')))
    merged = []   # consecutive stream chunks are one stream
    for k, t in out:
        if merged and k == 'stream' and merged[-1][0] == 'stream': merged[-1] = ('stream', (merged[-1][1] + '\n' + t).strip())
        else: merged.append((k, t))
    return merged

def run_notebook(path: str, write: bool) -> tuple[str, list[str], float]:
    "Run one notebook as nbdev_test does; write its outputs, or compare them. (path, problems, seconds)."
    os.environ.setdefault('IN_TEST', '1')
    os.environ.setdefault('HF_HUB_DISABLE_PROGRESS_BARS', '1')   # the loading bars of transformers are not lesson output
    import multiprocessing as mp, signal
    mp.set_start_method('fork', force=True)   # a spawned worker inherits 'spawn'; the lessons' DataLoader workers need fork, as under nbdev_test
    signal.signal(signal.SIGINT, signal.default_int_handler)   # pool workers ignore Ctrl-C, and their children would inherit that
    from execnb.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    from nbdev.config import get_config
    from nbdev.process import NBProcessor
    from nbdev.frontmatter import FrontmatterProc
    from fastcore.xtras import working_directory
    fn = Path(path).resolve()
    flags = set(get_config().tst_flags.split())
    raw = read_nb(fn)
    committed = [list(c.get('outputs', [])) if c.cell_type == 'code' else None for c in raw.cells]
    nb = NBProcessor(fn, procs=FrontmatterProc, process=True).nb
    skipped = set()
    def _no_eval(cell):
        if cell.cell_type != 'code': return True
        direc = getattr(cell, 'directives_', {}) or {}
        if direc.get('eval:', [''])[0].lower() == 'false' or flags & direc.keys():
            skipped.add(cell.idx_)
            return True
        cell.outputs = []   # execnb keeps a cell's old outputs when it now prints nothing: start each run cell empty
        return False
    t0, problems = time.time(), []
    shell = CaptureShell(fn)
    try:
        with working_directory(fn.parent): shell.run_all(nb, exc_stop=True, preproc=_no_eval)
    except Exception: return str(path), [f"the notebook fails:\n{shell.prettytb(fname=fn)}"], time.time() - t0
    for cell in nb.cells:
        if cell.cell_type != 'code' or cell.idx_ in skipped: continue
        new = [portable(o) for o in getattr(cell, 'outputs', [])]
        if write:
            raw.cells[cell.idx_]['outputs'] = new
            continue
        old, now = _summary(committed[cell.idx_]), _summary(new)
        if VARIES in raw.cells[cell.idx_].source: old, now = [k for k, _ in old], [k for k, _ in now]
        if old != now:
            first = raw.cells[cell.idx_].source.strip().splitlines()[0][:70]
            problems.append(f"cell {cell.idx_} ({first!r}): committed {old!r}\n    now       {now!r}")
    if write: write_nb(raw, fn)
    return str(path), problems, time.time() - t0

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument('--write', action='store_true', help='store the outputs in the notebooks')
    mode.add_argument('--check', action='store_true', help='fail when a committed output differs from what its cell produces')
    p.add_argument('notebooks', nargs='*', help='notebooks (default: every numbered notebook and index.ipynb)')
    p.add_argument('--workers', type=int, default=int(os.environ.get('NBDEV_WORKERS', 2)))
    a = p.parse_args(argv)
    nbs = a.notebooks or sorted(str(f) for f in (REPO / 'nbs').glob('*.ipynb') if f.name[0].isdigit() or f.name == 'index.ipynb')
    failed = 0
    # a fresh process per notebook, as a reader's kernel would be (state never leaks from one page into another)
    with ProcessPoolExecutor(a.workers, mp_context=multiprocessing.get_context('spawn'), max_tasks_per_child=1) as ex:
        for path, problems, secs in ex.map(run_notebook, nbs, [a.write] * len(nbs)):
            name = Path(path).name
            if problems:
                failed += 1
                print(f"FAIL {name} ({secs:.0f}s):\n  " + '\n  '.join(problems), flush=True)
            else: print(f"{'wrote' if a.write else 'ok'}   {name} ({secs:.0f}s)", flush=True)
    if a.write: print("now run nbdev_clean, then commit the notebooks")
    elif failed: print(f"{failed} notebook(s) whose committed outputs differ; rerun `python scripts/outputs.py --write` and review the diff")
    else: print(f"outputs: {len(nbs)} notebooks, every committed output matches")
    return 1 if failed else 0

if __name__ == '__main__': sys.exit(main())
