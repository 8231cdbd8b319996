"""SpanIndex answers overlap queries by bisection exactly as a scan of the whole list would."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from factlint.claims.reading import SpanIndex, near


@dataclass(frozen=True)
class Mention:
    start: int
    end: int


mentions = st.lists(
    st.tuples(st.integers(0, 500), st.integers(1, 40)).map(lambda p: Mention(p[0], p[0] + p[1])), max_size=60
)


@given(mentions, st.integers(-10, 560), st.integers(0, 80))
def test_overlapping_is_the_scan(items, lo, width):
    hi = lo + width
    index = SpanIndex(items)
    scanned = [m for m in items if m.start < hi and m.end > lo]
    assert index.overlapping(lo, hi) == scanned
    assert list(index) == items and len(index) == len(items)


@given(mentions, st.integers(0, 500))
def test_near_never_drops_an_overlap(items, lo):
    index = SpanIndex(items)
    assert [m for m in near(items, lo, lo + 5) if m.start < lo + 5 and m.end > lo] == index.overlapping(lo, lo + 5)
