#!/usr/bin/env bash
# Set up everything, then run the main job: pretrain TabSTAR on the embedded offline corpus (options pass through).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
nanotabstar pretrain "$@"
