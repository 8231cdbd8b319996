"""`factlint parse --file DOC.txt --date DCT --format jsonl` for every TimeBank-style document of a
folder, in one process (the model loads once): writes OUT_DIR/<doc>.jsonl for `score.py dates`.

    .venv/bin/python bench/speed/parse_folder.py DIR OUT_DIR

DIR holds <doc>.txt and <doc>.gold.json (with the document date as "dct"). The rows are exactly
those `factlint parse` prints (same functions); FACTLINT_GATING applies as it does there.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from factlint.nlp.pipeline import analyse_many, mentions_of
from factlint.report.mentions import mention_row, to_jsonl


def main() -> None:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for gold in sorted(folder.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        dct = json.loads(gold.read_text(encoding="utf-8"))["dct"]
        lines = (folder / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        docs = analyse_many(lines, doc_date=dt.date.fromisoformat(dct[:10]))
        rows = (to_jsonl(mention_row(i, line, mentions_of(doc))) for i, (line, doc) in enumerate(zip(lines, docs), start=1))
        (out / f"{name}.jsonl").write_text("".join(row + "\n" for row in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
