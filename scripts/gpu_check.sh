#!/usr/bin/env bash
# The GPU checks, in one short run for a lent GPU machine (about 5 minutes on one H100/H200): the CUDA-flagged
# notebook cells (the engine's fp16 and bf16 epochs, the text cache on the GPU) and both training benchmarks on CUDA.
# Each benchmark prints its table and ends with one JSON line. Usage: bash scripts/gpu_check.sh [REFERENCE_PYTHON]
# (a python with the reference tabstar, transformers 4.x and peft: then the fine-tuning speed part runs too).
# GPU_TRANSFER=1 adds the gpu preset's pretraining and the transfer suite from its checkpoint.
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
if [ "${GPU_TRANSFER:-}" = 1 ]; then   # issue 14: the paper-scale run on the offline catalog, then the transfer suite from it (about 15 minutes)
  echo "== the gpu preset's pretraining, then the held-out transfer suite from its checkpoint"
  python -m nanotabstar.train --preset gpu --out runs/pretrain-gpu --device cuda --log-every 50
  python scripts/bench_transfer.py --pretrained runs/pretrain-gpu/best --methods probe scratch checkpoint --folds 2
fi
