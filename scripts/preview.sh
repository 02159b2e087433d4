#!/usr/bin/env bash
# Render the course to static HTML without Quarto, in _preview/ (or --out DIR): open _preview/index.html in a browser.
# nbdev's docs processing runs on a copy of the tree first (scripts/check_docs.py), so this also says whether the
# site can be built. `python3 scripts/check_preview.py _preview` then checks the pages in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
python3 -c "import nbconvert" 2>/dev/null || { echo "the preview needs nbconvert: pip install nbconvert (bash scripts/setup.sh installs it)"; exit 1; }
python3 scripts/preview.py "$@"
