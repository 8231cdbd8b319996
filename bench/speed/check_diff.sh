#!/usr/bin/env bash
# `factlint check --format json` with and without sentence gating, per corpus: how many claims,
# findings and clusters differ. Each corpus is a folder with docs/ (a score.py corpus).
#
#   bench/speed/check_diff.sh CORPUS_DIR...     # e.g. /work/shared/eval/dev/*/ bench/corpora/*/
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
factlint="$repo/.venv/bin/factlint"
python="$repo/.venv/bin/python"
for corpus in "$@"; do
  work="$(mktemp -d)"
  cp -r "$corpus/docs" "$work/docs"
  for gating in 0 1; do
    FACTLINT_GATING=$gating "$factlint" check "$work/docs" --format json --claims-dir "$work/claims-$gating" -q \
      > "$work/out-$gating.json" 2>/dev/null || true   # exit 1 = findings, not an error
  done
  "$python" - "$work" "$(basename "$corpus")" <<'PY'
import json, sys
work, name = sys.argv[1:]
full, gated = (json.load(open(f"{work}/out-{g}.json", encoding="utf-8")) for g in (0, 1))
claims_full = {c["id"]: c for c in full["claims"]}
claims_gated = {c["id"]: c for c in gated["claims"]}
differing = sum(claims_full.get(k) != claims_gated.get(k) for k in claims_full.keys() | claims_gated.keys())
findings_full = {f["id"] for f in full["findings"]}
findings_gated = {f["id"] for f in gated["findings"]}
print(f"{name:30s} claims {len(claims_full)}, differing {differing}; findings {len(findings_full)} ungated, "
      f"{len(findings_gated)} gated, {len(findings_full - findings_gated)} only ungated, "
      f"{len(findings_gated - findings_full)} only gated; clusters the same: {full['clusters'] == gated['clusters']}")
PY
  rm -rf "$work"
done
