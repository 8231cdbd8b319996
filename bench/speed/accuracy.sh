#!/usr/bin/env bash
# Accuracy with and without sentence gating, side by side: dev corpora (findings), NewsQuant dev
# (quantities) and TimeBank (dates). Gating must not lower any figure.
#
#   bench/speed/accuracy.sh EVAL_DIR        # e.g. /work/shared/eval (holds score.py, dev/, newsquant/, dates/)
set -euo pipefail
eval_dir="${1:?usage: bench/speed/accuracy.sh EVAL_DIR}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
python="$repo/.venv/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for gating in 0 1; do
  echo "== FACTLINT_GATING=$gating"
  export FACTLINT_GATING=$gating
  "$python" "$eval_dir/score.py" corpora --factlint "$repo/.venv/bin/factlint" "$eval_dir"/dev/*/ | tail -n 1
  "$repo/bench/newsquant.sh" "$eval_dir/newsquant/dev.json" "$eval_dir/score.py" | tail -n 1
  "$python" "$repo/bench/speed/parse_folder.py" "$eval_dir/dates/timebank" "$work/dates-$gating"
  "$python" "$eval_dir/score.py" dates "$eval_dir/dates/timebank" "$work/dates-$gating" | tail -n 1
done
