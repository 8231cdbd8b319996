"""Property: the list reader behind FL005 never raises and lists only non-empty items of the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.claims import extract_claims
from factlint.models import Document

PIECES = st.sampled_from(["roads", "the port", "Ltd.", "and", "or", ",", ";", " ", ":", '"', "agreed in 2010",
                          "which grew", "s", "a", "Cp.", "\u201c", "three", "12"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=0, max_size=12))
def test_a_list_after_a_count_is_read_without_error(pieces):
    text = "The plan has three parts: " + " ".join(pieces) + "."
    document = Document(id="a", path="a.txt", title="t", sha256="0" * 64)
    claims, _ = extract_claims(document, text)
    for claim in claims:
        if claim.items is not None:
            assert len(claim.items) >= 2
            assert all(item.strip() and item in text for item in claim.items)
