#!/usr/bin/env bash
# Quantity extraction on a NewsQuant-style gold file: value and value+unit precision/recall/F1.
#
#   bench/newsquant.sh /path/to/dev.json [SCORER]
#
# SCORER defaults to /work/shared/eval/score.py (or $FACTLINT_SCORER). Runs `factlint parse` over the
# gold sentences exactly as a user would (model load included, timed) and prints the scorer's report;
# its last line is the headline value+unit F1.
set -euo pipefail

gold="${1:?usage: bench/newsquant.sh GOLD.json [SCORER]}"
scorer="${2:-${FACTLINT_SCORER:-/work/shared/eval/score.py}}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
factlint="${FACTLINT:-$repo/.venv/bin/factlint}"
python="${PYTHON:-$repo/.venv/bin/python}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$python" "$scorer" sentences "$gold" > "$work/sentences.txt"
start=$(date +%s.%N)
"$factlint" parse --file "$work/sentences.txt" --format jsonl > "$work/parsed.jsonl"
end=$(date +%s.%N)
"$python" "$scorer" quantities "$gold" "$work/parsed.jsonl" | sed '$d'
printf 'parse time: %.1f s for %s sentences (model load included)\n' \
  "$(echo "$end - $start" | bc)" "$(wc -l < "$work/sentences.txt" | tr -d ' ')"
"$python" "$scorer" quantities "$gold" "$work/parsed.jsonl" | tail -n 1
