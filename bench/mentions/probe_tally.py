"""The tally every corpus-free probe of this folder prints: misses (with --misses), then found/total
per kind of form and over all of them."""

from __future__ import annotations

import collections
import datetime as dt
import re
from collections.abc import Iterable

_BRACKETS = re.compile(r"\[(?P<expr>[^\]]+)\]")


def report(results: Iterable[tuple[str, bool, str]], show_misses: bool, width: int = 8) -> int:
    """``results`` holds (kind, read right, what was wanted and got); prints the tally, returns 0."""
    total, missed = collections.Counter(), collections.Counter()
    for kind, right, miss in results:
        total[kind] += 1
        if not right:
            missed[kind] += 1
            if show_misses:
                print(f"{kind:{width}} {miss}")
    for kind in total:
        print(f"{kind:{width}} found {total[kind] - missed[kind]:3}/{total[kind]}")
    print(f"{'all':{width}} found {sum(total.values()) - sum(missed.values())}/{sum(total.values())}")
    return 0


def date_results(cases: Iterable[tuple[str, str, str]], doc_date: dt.date) -> list[tuple[str, bool, str]]:
    """Score (kind, sentence with the date [in brackets], wanted ISO value prefix) cases: read right
    when a date read over the bracketed words has a value starting with the wanted one."""
    from factlint.nlp.pipeline import analyse_many, mentions_of

    probe = []
    for kind, marked, want in cases:
        m = _BRACKETS.search(marked)
        text = marked[: m.start()] + m["expr"] + marked[m.end() :]
        probe.append((kind, text, m.start(), m.start() + len(m["expr"]), want))
    results = []
    for (kind, text, start, end, want), doc in zip(probe, analyse_many([p[1] for p in probe], doc_date=doc_date)):
        over = [d for d in mentions_of(doc).dates if d.start < end and start < d.end]
        right = any(str(d.value or "").split("/")[0].startswith(want) for d in over)
        results.append((kind, right, f"want {want:10} got {[(d.text, d.value) for d in over]} | {text}"))
    return results
