#!/usr/bin/env bash
# Whether this tree's warm-store runs write byte-identical output to another revision's: the report
# on stdout (each format given), the claims files and CONTRADICTIONS.md, for a warm store with
# nothing new, then with one new article (bench/speed/realnews.py's `new_article`), then nothing new
# again (the new article stored). Each side works on its own copy of the articles and of the store,
# at the same path (so document paths agree); the other revision runs from `git archive` under
# PYTHONPATH with this tree's venv, so only the source differs.
#
#   [CHECK_ARGS="--jobs 2"] bench/speed/warm_same_output.sh REVISION CORPUS_DIR STORE_DIR [FORMAT...]
#   CHECK_ARGS="--jobs 2" bench/speed/warm_same_output.sh main /work/shared/eval/realnews/afp /tmp/afp-claims json md
#
# STORE_DIR: a claims folder a check of CORPUS_DIR filled (it is copied, never changed). With an empty
# STORE_DIR (or one that does not exist) both sides start cold. CHECK_ARGS: more options for every
# check (both sides). Exit 0 when everything is the same.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
revision="$(git -C "$repo" rev-parse "$1")"; corpus="$2"; store="$3"; shift 3
formats=("${@:-json}")
[ ${#formats[@]} -gt 0 ] || formats=(json)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src-other" "$work/out-other" "$work/out-this"
git -C "$repo" archive "$revision" | tar -x -C "$work/src-other"
new="$("$repo/.venv/bin/python" -c "
import sys; sys.path.insert(0, '$repo/bench/speed')
from pathlib import Path; from realnews import new_article
print(new_article(Path('$corpus')), end='')")"
run_side() {  # side pythonpath
  local side="$1" pythonpath="$2" here="$work/run" out="$work/out-$1"
  rm -rf "$here"; mkdir -p "$here/corpus"
  cp "$corpus"/*.txt "$here/corpus/"
  if [ -d "$store" ]; then cp -r "$store" "$here/claims"; else mkdir -p "$here/claims"; fi
  for step in warm new again; do
    [ "$step" = new ] && printf '%s' "$new" > "$here/corpus/zz-new-article.txt"
    for fmt in "${formats[@]}"; do
      # shellcheck disable=SC2086
      PYTHONPATH="$pythonpath" "$repo/.venv/bin/factlint" check "$here/corpus" -q --format "$fmt" ${CHECK_ARGS:-} \
        --claims-dir "$here/claims" > "$out/$step.$fmt" 2> "$out/$step.$fmt.err" || echo "exit $?" >> "$out/$step.$fmt.exit"
    done
    # the claims folder as the store left it
    (cd "$here/claims" && find . -type f -print | sort | xargs sha256sum) > "$out/$step.claims"
  done
  rm -rf "$here"
}
run_side other "$work/src-other/src"
run_side this ""
different=0
for file in "$work/out-other"/*; do
  name="$(basename "$file")"
  if cmp -s "$file" "$work/out-this/$name"; then echo "same       $name"; else echo "DIFFERENT  $name"; different=1; fi
done
exit $different
