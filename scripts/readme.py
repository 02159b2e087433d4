#!/usr/bin/env python
"""Write README.md from nbs/index.ipynb (its markdown as is, its code as python blocks).

`nbdev_readme` does this through Quarto, which cannot be installed everywhere; this script needs nothing, so the
README stays in step with the product page on any machine. `--check` exits 1 when README.md is out of step.
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render(nb_path: Path) -> str:
    "The README text of notebook `nb_path`: markdown cells verbatim, code cells fenced, hidden cells left out."
    parts = []
    for cell in json.loads(nb_path.read_text())['cells']:
        src = ''.join(cell['source']).strip()
        if not src or src.startswith('#| hide'): continue
        if cell['cell_type'] == 'markdown':
            if src.startswith('> '): src = src[2:]  # the page's summary line
            src = src.replace('](images/', '](nbs/images/')  # pictures live beside the notebooks
            parts.append(src)
        else: parts.append(f"```python\n{src}\n```")
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = render(root / 'nbs' / 'index.ipynb'), root / 'README.md'
    if '--check' in sys.argv[1:]:
        if readme.read_text() != text: sys.exit("README.md is out of step with nbs/index.ipynb: run `python scripts/readme.py`")
        print("README.md is in step with nbs/index.ipynb")
    else: readme.write_text(text); print(f"wrote {readme}")
