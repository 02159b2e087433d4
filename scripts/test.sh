#!/usr/bin/env bash
# Set up everything, then run every test: notebooks and package in step, notebooks clean, all notebooks executed,
# the docs site renderable and its pages readable in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Tests never touch the network: the Hugging Face libraries must not wait on the hub.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
# nbdev_test runs notebooks in parallel workers: one torch thread each keeps them from fighting over the cores.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

echo "== nbdev_export: is the package in step with the notebooks?"
nbdev_export
if [ -n "$(git status --porcelain -- nanotabstar)" ]; then
  git status --porcelain -- nanotabstar; echo "FAIL: nbdev_export changed the package; run nbdev_export and commit"; exit 1
fi
echo "== nbdev_clean: are the notebooks committed clean?"
nbdev_clean
if [ -n "$(git status --porcelain -- nbs)" ]; then
  git status --porcelain -- nbs; echo "FAIL: nbdev_clean changed notebooks; run nbdev_clean and commit"; exit 1
fi
echo "== README.md: in step with nbs/index.ipynb?"
python3 scripts/readme.py --check
echo "== chapters: does \`pip install nanotabstar\` alone give every import of a non-parity notebook? (scripts/check_chapters.py)"
python3 scripts/check_chapters.py
echo "== nbdev_test (cells flagged slow, cuda or network are skipped; run them with --flags)"
n=$(find nbs -name '[0-9]*.ipynb' -o -name 'index.ipynb' | grep -v '/_' | wc -l)
start=$(date +%s)
nbdev_test --n_workers "${NBDEV_WORKERS:-2}" --timing
echo "nbdev_test: $n passed, 0 failed in $(( $(date +%s) - start ))s"
echo "== committed outputs: is every page's output still what its cell produces? (scripts/outputs.py)"
python3 scripts/outputs.py --check
echo "== docs: can every page be rendered? (nbdev_proc_nbs on a copy of the tree, with a stand-in quarto)"
docs=$(mktemp -d)
trap 'rm -rf "$docs"' EXIT
start=$(date +%s)
python3 scripts/check_docs.py --proc "$docs/proc"
echo "== docs preview: the pages as static HTML, opened in headless Chromium (skipped where none is installed)"
python3 scripts/preview.py --proc "$docs/proc" --out "$docs/html"
python3 scripts/check_preview.py "$docs/html"
echo "docs checks: $(( $(date +%s) - start ))s"
echo "== the wheel: does \`pip install nanotabstar\` alone run the main job? (skip with NANOTABSTAR_SKIP_WHEEL=1)"
if [ -n "${NANOTABSTAR_SKIP_WHEEL:-}" ]; then echo "skipped"; else bash scripts/smoke_wheel.sh; fi
