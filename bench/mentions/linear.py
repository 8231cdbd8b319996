"""Time of the mention extractors alone as text grows: 0.5, 1, 2 and 5 MB of real news.

    python bench/mentions/linear.py SHARED_EVAL_DIR [--sizes 0.5,1,2,5]

The text is the AFP articles of SHARED_EVAL_DIR/realnews/afp joined (repeated as needed) into one
document of each size. The Doc is built by the tokenizer plus the rule-based sentencizer (no
trained model: the model's cost is the speed benchmark's business), then each extractor runs on
it exactly as the pipeline calls it. Also timed: the two hostile single lines of issue 11 (nested
parentheses, "5 to" repeated). Linear growth shows as a constant time per MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc

from factlint.nlp.dates import extract_dates
from factlint.nlp.entities import extract_entities
from factlint.nlp.ordinals import extract_ordinals
from factlint.nlp.quantities import extract_quantities


def _nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**8
    return nlp


def time_extractors(nlp, text: str) -> dict[str, float]:
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    doc = nlp(text)
    times["tokenize"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract_entities(doc)
    times["entities"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    dates = extract_dates(doc, doc_date=dt.date(2020, 6, 15))
    times["dates"] = time.perf_counter() - t0
    if not Doc.has_extension("fl_dates"):
        Doc.set_extension("fl_dates", default=None)
    doc._.fl_dates = dates  # as the pipeline does: the ordinal reader skips the dates found
    t0 = time.perf_counter()
    ordinals = extract_ordinals(doc)
    times["ordinals"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    taken = [(d.start, d.end) for d in dates] + [(o.start, o.end) for o in ordinals]
    extract_quantities(doc, skip=taken)
    times["quantities"] = time.perf_counter() - t0
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", type=Path)
    ap.add_argument("--sizes", default="0.5,1,2,5", help="sizes in MB, comma-separated")
    args = ap.parse_args(argv)
    articles = [p.read_text(encoding="utf-8") for p in sorted((args.shared / "realnews" / "afp").glob("*.txt"))]
    corpus = "\n\n".join(articles)
    nlp = _nlp()
    names = ("tokenize", "entities", "dates", "ordinals", "quantities")
    print(f"{'input':<28}" + "".join(f"{n:>11}" for n in names) + f"{'extract/MB':>12}")
    inputs = []
    for size in (float(s) for s in args.sizes.split(",")):
        n = int(size * 1_000_000)
        inputs.append((f"afp {size:g} MB", (corpus * (n // len(corpus) + 1))[:n]))
    inputs.append(("16k nested parentheses", "(" * 8000 + "x" + ")" * 8000))
    inputs.append(("40k chars of '5 to '", "5 to " * 8000))
    for label, text in inputs:
        times = time_extractors(nlp, text)
        extract = sum(v for k, v in times.items() if k != "tokenize")
        per_mb = extract / (len(text) / 1e6)
        print(f"{label:<28}" + "".join(f"{times[n]:>10.2f}s" for n in names) + f"{per_mb:>11.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
