#!/usr/bin/env bash
# Whether this tree's `factlint check --format json` prints byte-identical reports to another
# revision's, corpus by corpus (claims, clusters, findings; each side with its own claims store).
# The other revision runs from `git archive` under PYTHONPATH with this tree's venv, so only the
# source differs. Its reports are kept under $SAME_OUTPUT_CACHE (default /tmp/factlint-same-output)
# and reused while the revision is the same.
#
#   bench/speed/same_output.sh REVISION CORPUS_DIR...   # a folder with docs/ (score.py corpus) or of articles
#   bench/speed/same_output.sh main /work/shared/eval/dev/*/ bench/corpora/*/
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
revision="$(git -C "$repo" rev-parse "$1")"; shift
cache="${SAME_OUTPUT_CACHE:-/tmp/factlint-same-output}/$revision"
mkdir -p "$cache/src"
[ -d "$cache/src/src/factlint" ] || git -C "$repo" archive "$revision" | tar -x -C "$cache/src"
different=0
for corpus in "$@"; do
  docs="$corpus"; [ -d "$corpus/docs" ] && docs="$corpus/docs"
  name="$(echo "$(cd "$docs" && pwd)" | tr '/' '_')"
  if [ ! -f "$cache/$name.json" ]; then
    PYTHONPATH="$cache/src/src" "$repo/.venv/bin/factlint" check "$docs" --format json -q \
      --claims-dir "$cache/$name.claims" > "$cache/$name.json" 2>/dev/null || true  # exit 1 = findings
  fi
  work="$(mktemp -d)"
  "$repo/.venv/bin/factlint" check "$docs" --format json -q --claims-dir "$work/claims" > "$work/out.json" 2>/dev/null || true
  if cmp -s "$cache/$name.json" "$work/out.json"; then
    echo "same       $corpus"
  else
    different=1
    "$repo/.venv/bin/python" - "$cache/$name.json" "$work/out.json" "$corpus" <<'PY'
import json, sys
old, new = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
parts = [f"{key} {sum(a != b for a, b in zip(old[key], new[key])) + abs(len(old[key]) - len(new[key]))} of {len(old[key])}"
         for key in ("claims", "clusters", "findings", "documents", "errors") if old.get(key) != new.get(key)]
print(f"DIFFERENT  {sys.argv[3]}: {', '.join(parts) or 'bytes only'}")
PY
  fi
  rm -rf "$work"
done
exit $different
