"""The tally every corpus-free probe of this folder prints: misses (with --misses), then found/total
per kind of form and over all of them."""

from __future__ import annotations

import collections
from collections.abc import Iterable


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
