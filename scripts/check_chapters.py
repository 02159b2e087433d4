#!/usr/bin/env python
"""Check that `pip install nanotabstar` alone runs every course chapter: no chapter imports what it does not install.

A reader installs the package and steps through the chapters in Jupyter. Every import in a chapter must therefore
come from the standard library, from nanotabstar itself, or from a package that `settings.ini`'s `requirements`
names (what pip installs with nanotabstar). `dev_requirements` (nbdev, skrub, ...) and the reference package
`tabstar` are not installed by pip: only the parity notebooks (`*parity*.ipynb`), which say that the reference is a
test oracle, may import them.

For every notebook in `nbs/` whose name does not contain 'parity' (scratch notebooks, `_*`, are not chapters), each
code cell is parsed with `ast` after dropping its `%`/`!` lines (IPython magics and shell commands) and its `#|`
directives; the top-level module of each `import` and `from ... import` (anywhere in the cell) is checked. Modules
are matched to distributions with `importlib.metadata.packages_distributions()`, so run this where the requirements
are installed.

    python scripts/check_chapters.py               # exit 1, naming notebook, cell and module, on a forbidden import
    python scripts/check_chapters.py NOTEBOOK ...  # only these notebooks
"""
import ast, configparser, json, re, sys
from importlib.metadata import packages_distributions
from pathlib import Path

root = Path(__file__).resolve().parent.parent
LIB = 'nanotabstar'

def _norm(dist: str) -> str: return re.sub(r'[-_.]+', '-', dist).lower()   # PEP 503 names: Foo_Bar == foo-bar

def required_dists() -> set[str]:
    "The distributions `pip install nanotabstar` installs directly: settings.ini's `requirements`, normalized."
    cfg = configparser.ConfigParser()
    cfg.read(root / 'settings.ini')
    reqs = cfg['DEFAULT'].get('requirements', '').split()
    return {_norm(re.match(r'[A-Za-z0-9][A-Za-z0-9._-]*', r).group(0)) for r in reqs}

def allowed_modules() -> set[str]:
    "Top-level module names a chapter may import: stdlib, nanotabstar, and the modules of the required distributions."
    dists = required_dists()
    provided = {mod for mod, ds in packages_distributions().items() if any(_norm(d) in dists for d in ds)}
    return set(sys.stdlib_module_names) | {LIB} | provided

def chapters(paths=None) -> list[Path]:
    "The notebooks a pip user runs: every `nbs/*.ipynb` but the parity ones and scratch (`_`) ones."
    if paths: return [Path(p).resolve() for p in paths]
    return sorted(p for p in (root / 'nbs').glob('*.ipynb') if 'parity' not in p.name and not p.name.startswith(('_', '.')))

def _python(source: str) -> str:
    "The cell as plain Python: magics, shell lines and `#|` directives dropped."
    keep = [l for l in source.splitlines() if not l.lstrip().startswith(('%', '!', '#|'))]
    return '\n'.join(keep)

def imported_modules(source: str) -> list[tuple[str, str]]:
    "(top-level module, the import's line) for each module a cell imports (absolute imports only), in order."
    code = _python(source)
    lines, mods = code.splitlines(), []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import): names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module: names = [node.module]
        else: continue
        mods += [(n.split('.')[0], lines[node.lineno - 1].strip()) for n in names]
    return mods

def check(paths=None) -> list[str]:
    "One line per forbidden import: notebook, cell (counted from 0, markdown included), module, first line."
    ok, bad = allowed_modules(), []
    for nb in chapters(paths):
        for i, cell in enumerate(json.loads(nb.read_text())['cells']):
            if cell['cell_type'] != 'code': continue
            source = ''.join(cell['source'])
            if source.lstrip().startswith('%%'): continue   # a cell magic: not Python
            rel = nb.relative_to(root) if nb.is_relative_to(root) else nb
            try: mods = imported_modules(source)
            except SyntaxError as e:
                bad.append(f"FAIL {rel} cell {i}: cannot parse ({e.msg}, line {e.lineno})")
                continue
            seen = set()
            for m, line in mods:
                if m in ok or m in seen: continue
                seen.add(m)
                bad.append(f"FAIL {rel} cell {i}: imports {m!r}, which `pip install nanotabstar` does not install ({line[:80]!r})")
    return bad

if __name__ == '__main__':
    bad = check(sys.argv[1:])
    for line in bad: print(line)
    n = len(chapters(sys.argv[1:]))
    if bad:
        print(f"FAIL: {len(bad)} import(s) outside stdlib, nanotabstar and settings.ini's requirements; a reference "
              "(oracle) check belongs in a parity notebook, lesson data comes from the package (nanotabstar.datasets)")
        sys.exit(1)
    print(f"chapters: all {n} non-parity notebooks import only stdlib, nanotabstar and settings.ini's requirements")
