"""Score the mention layer on the shared dev sets, tuned and untouched parts apart.

    python bench/mentions/evaluate.py SHARED_EVAL_DIR [SET ...] [--misses]

SET is any of dates, newsquant, currency, dimension (default: all). The split is described in
bench/mentions/README.md: even positions are the tuned part, odd positions the untouched part.
Predictions are made exactly as `factlint parse --format jsonl` makes them (analyse_many +
mention_row), one process for everything so that the model loads once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from factlint.nlp.pipeline import analyse_many, mentions_of
from factlint.report.mentions import mention_row, to_jsonl

SENTENCE_SETS = {
    "newsquant": "newsquant/dev.json",
    "currency": "units/currency.json",
    "dimension": "units/dimension.json",
}
PARTS = ("tuned", "untouched")


def _parse_lines(lines: list[str], doc_date: dt.date | None) -> list[str]:
    docs = analyse_many(lines, doc_date=doc_date)
    return [to_jsonl(mention_row(i, line, mentions_of(doc))) for i, (line, doc) in enumerate(zip(lines, docs), 1)]


def _score(scorer: Path, *args: str) -> str:
    return subprocess.run([sys.executable, str(scorer), *args], check=True, capture_output=True, text=True).stdout


ITEM_LINES = ("  unit disagreements", "  missed, e.g.")
"""score.py summary lines that quote gold items; they are dropped for the untouched part so that
nobody working on the mechanisms reads its texts."""


def _figures_only(report: str, part: str) -> str:
    if part == "tuned":
        return report
    return "\n".join(line for line in report.splitlines() if not line.startswith(ITEM_LINES))


def score_sentences(shared: Path, name: str, work: Path, *, misses: bool) -> None:
    gold = json.loads((shared / SENTENCE_SETS[name]).read_text(encoding="utf-8"))
    for parity, part in enumerate(PARTS):
        subset = gold[parity::2]
        gold_path = work / f"{name}.{part}.gold.json"
        gold_path.write_text(json.dumps(subset), encoding="utf-8")
        lines = [s["text"] for s in subset]
        pred_path = work / f"{name}.{part}.jsonl"
        pred_lines = _parse_lines(lines, None)
        pred_path.write_text("\n".join(pred_lines) + "\n", encoding="utf-8")
        report = _score(shared / "score.py", "quantities", str(gold_path), str(pred_path))
        print(f"== {name} {part} ({len(subset)} sentences)")
        print(_figures_only(report, part).rstrip())
        if misses and part == "tuned":
            _print_quantity_misses(subset, pred_lines)


def _print_quantity_misses(subset: list[dict], pred_lines: list[str]) -> None:
    for s, row in zip(subset, (json.loads(p) for p in pred_lines)):
        got = [(q["value"], q["low"], q["high"], q["unit"]) for q in row["quantities"]]
        want = [(q["value"], q["normalized_unit"]) for q in s["quantities"]]
        print(f"  TEXT {s['text']}\n    gold {want}\n    pred {got}")


def score_dates(shared: Path, work: Path, *, misses: bool) -> None:
    folder = shared / "dates" / "timebank"
    golds = sorted(folder.glob("*.gold.json"))
    for parity, part in enumerate(PARTS):
        part_dir = work / f"timebank.{part}"
        part_dir.mkdir()
        for g in golds[parity::2]:
            doc = g.name[: -len(".gold.json")]
            gold = json.loads(g.read_text(encoding="utf-8"))
            (part_dir / g.name).write_text(g.read_text(encoding="utf-8"), encoding="utf-8")
            text = (folder / f"{doc}.txt").read_text(encoding="utf-8")
            dct = dt.date.fromisoformat(gold["dct"]) if gold.get("dct") else None
            lines = text.splitlines()
            (part_dir / f"{doc}.jsonl").write_text("\n".join(_parse_lines(lines, dct)) + "\n", encoding="utf-8")
        report = _score(shared / "score.py", "dates", str(part_dir))
        print(f"== timebank dates {part} ({len(golds[parity::2])} articles)")
        print(_figures_only(report, part).rstrip())
        if misses and part == "tuned":
            _print_date_misses(folder, golds[parity::2], part_dir)


def _print_date_misses(folder: Path, golds: list[Path], part_dir: Path) -> None:
    import re

    explicit = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        doc = g.name[: -len(".gold.json")]
        rows = [json.loads(x) for x in (part_dir / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines() if x]
        preds = [(r["line"], d, r["text"]) for r in rows for d in r["dates"]]
        texts = {r["line"]: r["text"] for r in rows}
        for t in gold["timexes"]:
            if t["type"] != "DATE" or not explicit.match(t["value"] or ""):
                continue
            over = [d for line, d, _ in preds if line == t["line"] and d["start"] < t["end"] and t["start"] < d["end"]]
            if not any(str(d.get("value", "")).split("/")[0].startswith(t["value"]) for d in over):
                got = [(d["text"], d["value"]) for d in over]
                line = texts.get(t["line"], "")
                ctx = line[max(0, t["start"] - 60) : t["end"] + 40]
                print(f"  MISS {doc} dct={gold['dct']} {t['text']!r}={t['value']} got={got} | {ctx}")
        for line, d, text in preds:
            if not any(t["line"] == line and d["start"] < t["end"] and t["start"] < d["end"] for t in gold["timexes"]):
                print(f"  EXTRA {doc} {d['text']!r}={d['value']} | {text[max(0, d['start'] - 50) : d['end'] + 30]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", type=Path, help="the shared eval folder (holds score.py)")
    ap.add_argument("sets", nargs="*", default=["dates", *SENTENCE_SETS])
    ap.add_argument("--misses", action="store_true", help="print the tuned part's misses")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in args.sets:
            if name == "dates":
                score_dates(args.shared, work, misses=args.misses)
            elif name in SENTENCE_SETS:
                score_sentences(args.shared, name, work, misses=args.misses)
            else:
                ap.error(f"unknown set {name!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
