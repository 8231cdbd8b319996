"""The per-rule table of a hand review (review.tsv), as the README shows it.

    python3 bench/realnews/summarise.py bench/realnews/review.tsv
"""

from __future__ import annotations

import csv
import sys
from collections import Counter

CLASSES = ("TRUE", "UPDATE", "CONFLATED", "EXTRACTION")


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    by_rule = Counter((r["rule"], r["class"]) for r in rows)
    print("| rule | findings | " + " | ".join(CLASSES) + " |")
    print("|---|---|" + "---|" * len(CLASSES))
    for rule in sorted({r["rule"] for r in rows}):
        counts = [by_rule[(rule, c)] for c in CLASSES]
        print(f"| {rule} | {sum(counts)} | " + " | ".join(map(str, counts)) + " |")
    totals = Counter(r["class"] for r in rows)
    share = 100 * totals["TRUE"] / len(rows) if rows else 0.0
    print(f"| all | {len(rows)} | **{totals['TRUE']} ({share:.1f} %)** | "
          + " | ".join(str(totals[c]) for c in CLASSES[1:]) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
