"""Golden cases for the ordinal extractor (tests/golden/ordinals.yaml)."""

from __future__ import annotations

import pytest
from conftest import golden_id, load_golden

CASES = load_golden("ordinals.yaml")


@pytest.mark.parametrize("case", CASES, ids=[golden_id(case) for case in CASES])
def test_golden_ordinals(case, parse_text):
    doc = parse_text(case["text"], case.get("date"))
    found = [{"text": o.text, "value": o.value, "head": o.head} for o in doc._.fl_ordinals]
    assert found == case["ordinals"]
    for ordinal in doc._.fl_ordinals:
        assert doc.text[ordinal.start : ordinal.end] == ordinal.text


def test_ordinals_never_overlap_dates(parse_text):
    doc = parse_text("On the 1st of May, the second phase of the 21st-century plan began in the first quarter of 2020.")
    for ordinal in doc._.fl_ordinals:
        assert all(ordinal.end <= d.start or ordinal.start >= d.end for d in doc._.fl_dates)
    assert [o.text for o in doc._.fl_ordinals] == ["second"]


def test_enough_golden_cases():
    assert len(CASES) >= 12
    assert any(not case["ordinals"] for case in CASES), "negatives are needed too"
