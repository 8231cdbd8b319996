#!/usr/bin/env bash
# Whole-set figures (both parts together) exactly as the issue measures them: score.py on each set.
#   bench/mentions/score_all.sh SHARED_EVAL_DIR
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${1:?usage: bench/mentions/score_all.sh SHARED_EVAL_DIR}"
factlint="${FACTLINT:-$repo/.venv/bin/factlint}"
python="${PYTHON:-$repo/.venv/bin/python}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for set in newsquant/dev units/currency units/dimension; do
  "$python" "$shared/score.py" sentences "$shared/$set.json" > "$work/s.txt"
  "$factlint" parse --file "$work/s.txt" --format jsonl > "$work/p.jsonl"
  printf '%s: ' "$set"; "$python" "$shared/score.py" quantities "$shared/$set.json" "$work/p.jsonl" | tail -n 1
done
mkdir "$work/tb"
"$python" - "$shared/dates/timebank" "$work/tb" <<'PY'
import datetime as dt, json, sys
from pathlib import Path
from factlint.nlp.pipeline import analyse_many, mentions_of
from factlint.report.mentions import mention_row, to_jsonl
src, out = Path(sys.argv[1]), Path(sys.argv[2])
for g in sorted(src.glob("*.gold.json")):
    doc = g.name[: -len(".gold.json")]
    dct = dt.date.fromisoformat(json.loads(g.read_text())["dct"])
    lines = (src / f"{doc}.txt").read_text(encoding="utf-8").splitlines()
    rows = [to_jsonl(mention_row(i, l, mentions_of(d))) for i, (l, d) in enumerate(zip(lines, analyse_many(lines, doc_date=dct)), 1)]
    (out / f"{doc}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
PY
printf 'timebank: '; "$python" "$shared/score.py" dates "$shared/dates/timebank" "$work/tb" | tail -n 1
