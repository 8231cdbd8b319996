"""Claim frames on golden sentences (tests/golden/frames.yaml)."""

from __future__ import annotations

import pytest

from factlint.claims.builder import build_claims
from factlint.models import Document
from factlint.nlp.pipeline import analyse

from conftest import golden_id, load_golden


@pytest.mark.parametrize("case", load_golden("frames.yaml"), ids=golden_id)
def test_frame(case):
    text = case["text"]
    claims = build_claims(Document(id="a", path="a.txt", sha256="0"), analyse(text))
    start = text.index(case["figure"])
    kind = case.get("kind", "quantity")
    claim = next(c for c in claims if c.kind == kind and c.start < start + len(case["figure"]) and start < c.end)
    frame = claim.frame
    assert frame is not None
    for word in case.get("measure", []):
        assert word in frame.measure, (word, frame.measure)
    for word in case.get("not_measure", []):
        assert word not in frame.measure, (word, frame.measure)
    if "metric" in case:
        assert claim.metric == case["metric"], (claim.metric, case["metric"])
    if "period" in case:
        assert (claim.period.value if claim.period else None) == case["period"]
    for key in ("places", "owners", "running", "moving", "presupposed", "partitive", "noun_clause"):
        if key in case:
            assert getattr(frame, key) == case[key], (key, getattr(frame, key))
