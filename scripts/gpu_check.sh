#!/usr/bin/env bash
# The GPU checks, in one short run for a lent GPU machine (about 5 minutes on one H100/H200): the CUDA-flagged
# notebook cells (the engine's fp16 and bf16 epochs, the text cache on the GPU) and both training benchmarks on CUDA.
# Each benchmark prints its table and ends with one JSON line. Usage: bash scripts/gpu_check.sh [REFERENCE_PYTHON]
# (a python with the reference tabstar, transformers 4.x and peft: then the fine-tuning speed part runs too).
# GPU_TRANSFER=1 adds the gpu preset's pretraining and the transfer suite from its checkpoint (scripts/gpu_lifecycle.sh);
# GPU_CORPUS names the gpu preset's corpus file (default: the cached one, which `nanotabstar corpus build --preset gpu` writes).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
python -c "import torch; assert torch.cuda.is_available(), 'no CUDA device here'; print('device:', torch.cuda.get_device_name())"
echo "== CUDA-flagged cells"
for nb in $(grep -l '"#| cuda' nbs/*.ipynb); do nbdev_test --flags cuda --path "$nb" --n_workers 1; done
echo "== pretraining: text-cache modes against re-encoding, on CUDA"
python scripts/bench_pretrain.py --device cuda --epochs 3 --rows 256
echo "== fine-tuning on CUDA"
if [ -n "${1:-}" ]; then
  python scripts/bench_finetune.py --parts speed --device cuda --epochs 3 --ref-python "$1" --skip-nocache
else
  python scripts/bench_finetune.py --parts auroc --device cuda --datasets imdb breaches --folds 2 --models nanotabstar-lora
fi
echo "== pretraining step throughput: per-string against joined padding (pad_states)"
GPU_CORPUS=${GPU_CORPUS:-$(python -c 'from nanotabstar.corpus import default_corpus_path; from nanotabstar.config import get_preset; print(default_corpus_path(get_preset("gpu")))')}
[ -f "$GPU_CORPUS" ] || python -m nanotabstar.cli corpus build --preset gpu --out "$GPU_CORPUS" --no-progress
python scripts/bench_pretrain_steps.py --corpus "$GPU_CORPUS" --device cuda --profile
if [ "${GPU_TRANSFER:-}" = 1 ]; then   # issue 14: the gpu preset's pretraining, then the transfer suite from it (about 15 minutes)
  bash scripts/gpu_lifecycle.sh runs/gpu-lifecycle --corpus "$GPU_CORPUS"
fi
