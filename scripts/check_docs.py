#!/usr/bin/env python
"""Check that every page of the docs site can be rendered: run nbdev's docs processing on a copy of the tree.

`nbdev_docs` first runs `nbdev_proc_nbs`, which executes only the export, import and `show_doc` cells of each
notebook (every other cell is shown from its committed output). A lesson cell that imports AND computes is
therefore run there without the lesson state before it, and the site build stops with a NameError that
`nbdev_test` never sees. This script runs that same step, the way the deploy workflow does, and names the failing
notebook and cell.

Four checks, the quick one first:

1. every visible lesson cell that imports must import and do nothing else (a cell that imports is run when the
   page is rendered, `#| slow` or not, without the lesson state before it: it fails, or silently re-runs the
   lesson, a training run say, and replaces its committed output). `#| hide` set-up cells may do both;
2. `nbdev_proc_nbs` itself, on the whole tree: it must finish, and write every page;
3. no signature shows a markdown link as text: nbdev links every backticked name it knows in a `show_doc` output,
   the signature's code block included, where Quarto prints the link verbatim (`[`Corpus`](https://...)`). A name
   in a parameter's comment is written without backticks;
4. every signature shows each comment beside what it describes. nbdev reads a parameter's comment from the end of
   its line (fastcore's `docments`), so in the exported code a comment after a one-line `def f(x) -> T:` is shown
   as the return value's, one after `**kwargs` is lost or shown as the return value's, one on a line of its own is
   lost, and a parameter that defaults to `None` without an annotation is shown as type `NoneType`.

The second works on a temporary copy of the files git knows about (tracked, plus untracked ones that are not ignored),
because `nbdev_proc_nbs` rewrites `nbs/nbdev.yml`, `nbs/sidebar.yml` and `nanotabstar/_modidx.py`, and with a fake
`quarto` first on PATH, because without Quarto nbdev tries to install Quarto and runs `pip install -e`. The copy's
own package comes first on PYTHONPATH, so the pages are processed against the code being checked.

    python scripts/check_docs.py                # exit 1, naming notebook and cell, when a page cannot render
    python scripts/check_docs.py --proc DIR     # also keep the processed notebooks (nbdev's `_proc/`) in DIR
"""
import argparse, ast, os, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent

# Run inside the copy when `nbdev_proc_nbs` fails: process each notebook on its own, so that every failing page is
# named (nbdev's own run stops at the first failure and names the page by its title, not its file).
DIAGNOSE = r'''
import re, sys, traceback, warnings
from pathlib import Path
from nbdev.serve_drv import exec_nb
from nbdev.processors import FilterDefaults
warnings.filterwarnings('ignore', message='Found cells containing imports')  # the hidden set-up cells
failed = 0
for src in sorted(Path('nbs').glob('*.ipynb')):
    if src.name.startswith(('_', '.')): continue
    try: exec_nb(src, Path('_proc') / src.name, FilterDefaults)
    except Exception as e:
        failed += 1
        cause, msg = e.__cause__ or e, str(e)
        cell = re.search(r'in cell (\d+)', msg)
        source = msg.split('\n', 1)[1] if cell and '\n' in msg else ''
        why = traceback.format_exception_only(type(cause), cause)[-1].strip()
        print(f"FAIL {src}{' cell ' + cell.group(1) if cell else ''}: {why}")
        for line in source.strip().splitlines()[:8]: print(f'    {line}')
sys.exit(1 if failed else 0)
'''

_SHOWN_EXEC = {'export', 'exports', 'exporti', 'exec_doc', 'hide', 'default_exp'}  # cells nbdev runs or hides anyway

def _is_import(node) -> bool: return isinstance(node, (ast.Import, ast.ImportFrom))

def _is_show_doc(node) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and getattr(node.value.func, 'id', '') == 'show_doc'

def mixed_cells(nb_path: Path) -> list[tuple[int, str]]:
    "(cell index, first line) of each visible cell that nbdev runs when rendering (it imports) but that does more."
    from nbdev.process import NBProcessor
    found = []
    for cell in NBProcessor(nb_path).nb.cells:
        if cell.cell_type != 'code' or not cell.source or cell.directives_.keys() & _SHOWN_EXEC: continue
        if cell.directives_.get('eval:', [''])[0].lower() == 'false': continue  # nbdev never runs it
        trees = cell.parsed_()
        if not trees or not any(_is_import(n) for t in trees for n in ast.walk(t)): continue  # nbdev's own test
        top = [n for t in trees for n in (t.body if isinstance(t, ast.Module) else [t])]
        if any(not _is_import(n) and not _is_show_doc(n) for n in top): found.append((cell.idx_, cell.source.splitlines()[0]))
    return found

def notebooks(tree: Path) -> list[Path]:
    "The notebooks nbdev renders: `nbs/*.ipynb` but scratch (`_`) and hidden ones."
    return sorted(p for p in (tree / 'nbs').glob('*.ipynb') if not p.name.startswith(('_', '.')))

def check_cells() -> int:
    "Print every visible cell that mixes imports with code; the number found."
    bad = [(nb, i, line) for nb in notebooks(root) for i, line in mixed_cells(nb)]
    for nb, i, line in bad:
        print(f"FAIL {nb.relative_to(root)} cell {i} ({line[:80]!r}): imports and code in one visible cell, which "
              "nbdev runs when rendering, without the lesson state before it")
    return len(bad)

_FENCE = re.compile(r'```[^\n]*\n(.*?)```', re.S)
_LINK = re.compile(r'\[`?([^\]`]+)`?\]\(http[^)]*\)')

def linked_signatures(proc: Path) -> list[tuple[str, str]]:
    "(page, name) of each markdown link inside a code block of a processed page's outputs (a signature's comment)."
    import json
    found = []
    for page in sorted(proc.glob('*.ipynb')):
        for cell in json.loads(page.read_text())['cells']:
            for o in cell.get('outputs', []):
                md = o.get('data', {}).get('text/markdown', '')
                for block in _FENCE.findall(''.join(md) if isinstance(md, list) else md):
                    found += [(page.name, name) for name in _LINK.findall(block)]
    return found

def _shown(name: str) -> bool: return not name.startswith('_') or name == '__init__'

def misplaced_comments(package: Path) -> list[str]:
    "'file:line: why' for each shown function whose signature puts a comment where nbdev shows it beside something else."
    import io, tokenize
    found = []
    for py in sorted(package.glob('*.py')):
        text = py.read_text()
        comments = {t.start[0]: t.start[1] for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT}
        lines = text.splitlines()
        code_of = lambda i: lines[i - 1][:comments.get(i)].strip()   # line i without its comment (a '#' in a string stays)
        tree = ast.parse(text)
        defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        defs += [m for c in tree.body if isinstance(c, ast.ClassDef) and _shown(c.name) for m in c.body if isinstance(m, ast.FunctionDef)]
        for fn in defs:
            if not _shown(fn.name): continue
            head = range(fn.lineno, fn.body[0].lineno)   # the signature's lines (and the docstring's first, harmless)
            has_params = any(a.arg not in ('self', 'cls') for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs)
            end = next((i for i in head if code_of(i).endswith(':')), fn.lineno)
            if end == fn.lineno and has_params and fn.returns is not None and end in comments:
                found.append(f"{py.name}:{end}: {fn.name}'s one-line signature has a comment, shown as the return value's; "
                             "put each parameter and its comment on a line of its own")
            for i in range(fn.lineno + 1, end + 1):
                code = code_of(i)
                if i in comments and not code:
                    found.append(f"{py.name}:{i}: a comment on a line of its own in {fn.name}'s signature is not shown; keep a "
                                 "parameter's comment on its line")
                if i in comments and code.startswith('*'):
                    found.append(f"{py.name}:{i}: {fn.name}'s comment after {code.rstrip(',')} is lost or shown as the return value's "
                                 "(nbdev reads none for *args or **kwargs); say what they are in the docstring")
            a = fn.args
            pos = a.posonlyargs + a.args
            pairs = list(zip(pos[len(pos) - len(a.defaults):], a.defaults)) + list(zip(a.kwonlyargs, a.kw_defaults))
            for arg, default in pairs:
                if arg.annotation is None and isinstance(default, ast.Constant) and default.value is None:
                    found.append(f"{py.name}:{arg.lineno}: {fn.name}'s parameter {arg.arg}=None has no annotation, so its "
                                 "signature shows it as type NoneType; annotate it (e.g. `str | None`)")
    return found

def copy_tree(dst: Path):
    "Copy the files git knows about (tracked and not ignored; deleted ones left out) from the working tree to `dst`."
    out = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], cwd=root,
                         check=True, capture_output=True).stdout.decode()
    for rel in sorted(set(out.split('\0')) - {''}):
        src = root / rel
        if not src.is_file(): continue
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst / rel)

def fake_quarto(bin_dir: Path):
    "A `quarto` that only answers its version, so that nbdev does not try to install Quarto (and `pip install -e`)."
    bin_dir.mkdir(parents=True, exist_ok=True)
    q = bin_dir / 'quarto'
    q.write_text('#!/bin/sh\necho 1.5.57\n')
    q.chmod(0o755)

def check_docs(proc_dir: Path | None = None, n_workers: int = 2) -> int:
    "The four checks; print what failed; keep `_proc` in `proc_dir` if given. The exit code."
    start = time.time()
    if misplaced := misplaced_comments(root / 'nanotabstar'):
        for line in misplaced: print(f'FAIL {line}')
        print("FAIL: those signatures would show a comment beside the wrong thing; fix them in the notebooks, then nbdev_export")
        return 1
    if check_cells():
        print("FAIL: move those imports into the notebook's `#| hide` import cell (or a cell of their own); cells are "
              "counted from 0, markdown included. nbdev_proc_nbs was not run, since it would run those cells")
        return 1
    with tempfile.TemporaryDirectory(prefix='check_docs_') as tmp:
        tree = Path(tmp) / 'tree'
        copy_tree(tree)
        fake_quarto(Path(tmp) / 'bin')
        env = dict(os.environ, PATH=f"{Path(tmp) / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONPATH=str(tree),
                   HF_HUB_OFFLINE='1', TRANSFORMERS_OFFLINE='1', TOKENIZERS_PARALLELISM='false')
        proc_nbs = shutil.which('nbdev_proc_nbs') or str(Path(sys.executable).parent / 'nbdev_proc_nbs')
        res = subprocess.run([proc_nbs, '--n_workers', str(n_workers)], cwd=tree, env=env, capture_output=True, text=True)
        if res.returncode != 0:
            print(res.stderr.strip().splitlines()[-1] if res.stderr.strip() else res.stdout[-2000:])
            print('== nbdev_proc_nbs failed; processing each notebook on its own to name every page that cannot render:')
            subprocess.run([sys.executable, '-c', DIAGNOSE], cwd=tree, env=env)
            print(f'FAIL: the docs cannot be rendered ({time.time() - start:.0f}s); each failing page and cell is above')
            return 1
        nbs = [p.name for p in notebooks(tree)]
        missing = [n for n in nbs if not (tree / '_proc' / n).is_file()]
        if missing:
            print(f'FAIL: nbdev_proc_nbs wrote no page for {missing}')
            return 1
        if linked := linked_signatures(tree / '_proc'):
            for page, name in linked:
                print(f"FAIL {page}: a signature shows the link of `{name}` as text; write {name} without backticks in its comment")
            return 1
        if proc_dir is not None:
            shutil.rmtree(proc_dir, ignore_errors=True)
            shutil.copytree(tree / '_proc', proc_dir)
    print(f'docs: all {len(nbs)} pages processed by nbdev_proc_nbs in {time.time() - start:.0f}s')
    return 0

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    ap.add_argument('--proc', type=Path, help="keep the processed notebooks (nbdev's _proc/) in this folder")
    ap.add_argument('--n_workers', type=int, default=int(os.environ.get('NBDEV_WORKERS', 2)))
    args = ap.parse_args()
    sys.exit(check_docs(args.proc.resolve() if args.proc else None, args.n_workers))
