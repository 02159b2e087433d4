#!/usr/bin/env bash
# Install nanotabstar with its test tools on a fresh machine; safe to run again (it then installs nothing new).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# The CPU build of torch first: a bare `torch` requirement on a machine without torch pulls a multi-GB CUDA build.
# A machine that already has torch (a GPU box, say) keeps its own.
$PY -c "import torch" 2>/dev/null || $PY -m pip install -q "torch==2.13.0"
$PY -m pip install -q -e ".[dev]"
# The reference implementation is our test oracle. --no-deps because it pins transformers<5; the parts we compare
# against (its verbalizer and model classes) work with transformers 5.
$PY -c "import tabstar" 2>/dev/null || $PY -m pip install -q --no-deps "tabstar==1.2.2"
