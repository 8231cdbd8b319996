#!/usr/bin/env bash
# Mention accuracy on the shared dev sets, tuned and untouched parts (see README.md).
#   bench/mentions/run.sh SHARED_EVAL_DIR [dates|newsquant|currency|dimension ...] [--misses]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
python="${PYTHON:-$repo/.venv/bin/python}"
shared="${1:?usage: bench/mentions/run.sh SHARED_EVAL_DIR [SET ...] [--misses]}"
shift
exec "$python" "$repo/bench/mentions/evaluate.py" "$shared" "$@"
