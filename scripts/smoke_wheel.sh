#!/usr/bin/env bash
# Does `pip install nanotabstar` alone run the main job? Build the wheel, install it into a clean virtualenv (no
# system site-packages; the pinned CPU torch first), and run a smoke check from a folder outside the repository,
# offline. Extra pip options for torch (e.g. a CPU index URL on CI) come from $TORCH_PIP_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
# Build from a copy of the working tree, so that the build leaves nothing behind in the repository.
mkdir "$work/src"
git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - | tar -xf - -C "$work/src"
$PY -m pip wheel -q --no-deps "$work/src" -w "$work/dist"
$PY -m venv "$work/venv"
V="$work/venv/bin"
# shellcheck disable=SC2086
"$V/pip" install -q ${TORCH_PIP_ARGS:-} "torch==2.13.0"
"$V/pip" install -q "$work"/dist/nanotabstar-*.whl
echo "   wheel built and installed with torch and its requirements in $(( $(date +%s) - start ))s"
cd "$work"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 NANOTABSTAR_HOME="$work/home"
"$V/python" - <<'PY'
import nanotabstar, pandas as pd
from pathlib import Path
assert 'site-packages' in nanotabstar.__file__, nanotabstar.__file__   # the installed package, not the repository
for name in ('tabstar', 'skrub'):   # test oracles of the parity notebooks, never needed at run time
    try: __import__(name); raise SystemExit(f"{name} is importable in the clean venv: the smoke check would prove nothing")
    except ImportError: pass
df = pd.DataFrame({'city': ['Haifa', 'Eilat', 'Akko'] * 4, 'rooms': range(12), 'price': [float(i * i) for i in range(12)]})
pre = nanotabstar.TabSTARPreprocessor(is_cls=False).fit(df.drop(columns='price'), df.price)
d = pre.transform(df.head(2).drop(columns='price'))
assert d.x_txt.shape == (2, 3) and d.x_txt[0, 0] == 'Numerical Target Feature: price', d.x_txt
from nanotabstar.text_encoder import minilm_path
from nanotabstar import plot_history
import matplotlib
assert Path(minilm_path()).is_dir()
print(f"   import, verbalize, offline encoder, matplotlib {matplotlib.__version__}: ok")
PY
t0=$(date +%s)
"$V/nanotabstar" --help > help.txt
grep -q 'pretrain' help.txt
"$V/nanotabstar" pretrain --preset tiny --epochs 1 --out run --log-every 0 > pretrain.txt
grep -q '^nanotabstar pretrain: preset tiny | output folder run (new run)' pretrain.txt
grep -q '^done in' pretrain.txt
test -f run/best/model.safetensors
echo "   nanotabstar --help, nanotabstar pretrain --preset tiny --epochs 1 (offline corpus built on the way): ok in $(( $(date +%s) - t0 ))s"
t0=$(date +%s)
# The product page's quickstart, as a reader copies it: every visible code cell of nbs/index.ipynb, in order.
"$V/python" - "$work/src/nbs/index.ipynb" > quickstart.py <<'PY'
import json, sys
cells = json.load(open(sys.argv[1]))['cells']
print('\n\n'.join(''.join(c['source']) for c in cells if c['cell_type'] == 'code' and not ''.join(c['source']).startswith('#| hide')))
PY
"$V/python" quickstart.py > quickstart.txt
echo "   the quickstart of nbs/index.ipynb, run from outside the repository with the wheel alone: ok in $(( $(date +%s) - t0 ))s"
echo "wheel smoke check passed in $(( $(date +%s) - start ))s"
