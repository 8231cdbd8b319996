"""Interval semantics (factlint.cluster.compare) on golden pairs and as properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.cluster.compare import digits_transposed, scale_slip, transposition_evidence, value_interval
from factlint.models import Claim, Quantity
from factlint.nlp.units import dimension_of

from conftest import golden_id, load_golden


def claim_of(spec: dict, name: str = "a") -> Claim:
    quantity = Quantity(
        text=spec["text"], start=0, end=len(spec["text"]), value=spec["value"], low=spec.get("low"),
        high=spec.get("high"), unit=spec["unit"], dimension=dimension_of(spec["unit"]), currency=spec.get("currency"),
    )
    # as the claim builder does for counts, the metric of a figure here is what its unit names
    return Claim(id=f"{name}:0", doc=name, start=0, end=len(spec["text"]), line=1, text=spec["text"],
                 sentence=spec["text"], kind="quantity", metric=spec.get("metric", spec["unit"]), quantity=quantity)


def relation(a: Claim, b: Claim) -> str:
    ia, ib = value_interval(a), value_interval(b)
    if ia is None or ib is None or ia.key != ib.key:
        return "incomparable"
    if ia.overlaps(ib):
        return "agree"
    if scale_slip(a, b):
        return "scale-slip"
    return "transposed" if digits_transposed(a, b) else "conflict"


def _pair_cases():
    for case in load_golden("value_pairs.yaml"):
        marks = [pytest.mark.xfail(reason=case["pending"], strict=True)] if case.get("pending") else []
        yield pytest.param(case, marks=marks, id=golden_id(case))


@pytest.mark.parametrize("case", list(_pair_cases()))
def test_value_pair(case):
    a, b = claim_of(case["a"], "a"), claim_of(case["b"], "b")
    assert relation(a, b) == case["relation"]
    assert relation(b, a) == case["relation"], "the relation must be symmetric"
    if "evidence" in case:
        assert transposition_evidence(a, b) == transposition_evidence(b, a) == case["evidence"]


values = st.floats(min_value=0.01, max_value=1e12, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(values, st.sampled_from(["dollar", "kilometre", "ton", "percentage", "cubic metre per year", "warship"]))
def test_an_exact_value_contains_itself(value, unit):
    text = f"{value:g}"
    interval = value_interval(claim_of({"text": text, "value": value, "low": value, "high": value, "unit": unit}))
    assert interval is not None
    point = interval.point
    assert interval.low <= point <= interval.high


@settings(max_examples=200, deadline=None)
@given(values, st.floats(min_value=1.001, max_value=100))
def test_over_admits_every_larger_value_and_no_clearly_smaller_one(value, factor):
    over = claim_of({"text": f"over {value:g}", "value": value, "low": value, "high": None, "unit": "dollar"})
    larger = claim_of({"text": f"{value * factor:g}", "value": value * factor, "low": value * factor,
                       "high": value * factor, "unit": "dollar"}, "b")
    assert relation(over, larger) == "agree"
    smaller_value = value / (factor * 2)
    smaller = claim_of({"text": f"{smaller_value:.12g}", "value": smaller_value, "low": smaller_value,
                        "high": smaller_value, "unit": "dollar"}, "c")
    if not math.isclose(smaller_value, value, rel_tol=0.01):
        assert relation(over, smaller) in ("conflict", "scale-slip")


@pytest.mark.parametrize("case", load_golden("name_aliases.yaml"), ids=golden_id)
def test_name_aliases(case):
    from factlint.cluster.graph import name_aliases

    assert name_aliases(set(case["ids"])) == case["aliases"]
