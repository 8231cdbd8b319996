"""Claim frames on golden sentences (tests/golden/frames.yaml)."""

from __future__ import annotations

import pytest

from conftest import claim_under, golden_id, load_golden


@pytest.mark.parametrize("case", load_golden("frames.yaml"), ids=golden_id)
def test_frame(case):
    claim = claim_under(case["text"], case["figure"], case.get("kind", "quantity"))
    frame = claim.frame
    assert frame is not None
    for word in case.get("measure", []):
        assert word in frame.measure, (word, frame.measure)
    for word in case.get("not_measure", []):
        assert word not in frame.measure, (word, frame.measure)
    for modifier in case.get("modifiers", []):
        assert modifier in claim.modifiers, (modifier, claim.modifiers)
    for modifier in case.get("not_modifiers", []):
        assert modifier not in claim.modifiers, (modifier, claim.modifiers)
    if "metric" in case:
        assert claim.metric == case["metric"], (claim.metric, case["metric"])
    if "modality" in case:
        assert claim.modality == case["modality"], (claim.modality, case["modality"])
    if "period" in case:
        assert (claim.period.value if claim.period else None) == case["period"]
    for key in ("places", "owners", "running", "moving", "presupposed", "partitive", "noun_clause"):
        if key in case:
            assert getattr(frame, key) == case[key], (key, getattr(frame, key))
