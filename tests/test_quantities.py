"""Golden cases for the quantity extractor (tests/golden/quantities.yaml) and the unit helpers."""

from __future__ import annotations

import math

import pytest
from conftest import golden_id, load_golden

from factlint.nlp.units import dimension_of, to_base_units
from factlint.nlp.pipeline import mentions_of

CASES = load_golden("quantities.yaml")
NUMERIC_FIELDS = ("value", "low", "high", "change_from", "tolerance")


def _same(field: str, found, want) -> bool:
    if field in NUMERIC_FIELDS and want is not None and found is not None:
        return math.isclose(float(found), float(want), rel_tol=1e-6, abs_tol=1e-9)
    if field == "unit" and isinstance(want, str) and isinstance(found, str):
        return found.lower() == want.lower()
    return found == want


@pytest.mark.parametrize("case", CASES, ids=[golden_id(case) for case in CASES])
def test_golden_quantities(case, parse_text):
    doc = parse_text(case["text"], case.get("date"))
    found = mentions_of(doc).quantities if case.get("reported") else doc._.fl_quantities
    expected = case["quantities"]
    assert [q.text for q in found] == [want["text"] for want in expected]
    for quantity, want in zip(found, expected):
        assert doc.text[quantity.start : quantity.end] == quantity.text
        wrong = {
            field: (getattr(quantity, field), value)
            for field, value in want.items()
            if not _same(field, getattr(quantity, field), value)
        }
        assert not wrong, f"{quantity.text!r}: (found, expected) {wrong}"


def test_golden_file_is_broad():
    assert len(CASES) >= 110
    assert sum(1 for case in CASES if not case["quantities"]) >= 15, "non-quantities are needed too"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((193, "mile"), (310.6, "kilometre")),
        ((6.4e9, "cubic metre"), (6.4, "cubic kilometre")),
        ((1, "ton"), (1000, "kilogram")),
        ((60, "mile per hour"), (96.56, "kilometre per hour")),
        ((50, "basis point"), (0.5, "percentage point")),
        ((2, "gigawatt"), (2000, "megawatt")),
        ((118.5, "penny"), (1.185, "pound sterling")),
        ((38e9, "cubic metre per year"), (38, "cubic kilometre per year")),
        ((52000, "barrel per day"), (52000 * 365.25, "barrel per year")),
    ],
)
def test_base_units_compare_across_units(a, b):
    base_a, base_b = to_base_units(*a), to_base_units(*b)
    assert base_a is not None and base_b is not None
    assert base_a[1] == base_b[1]
    assert math.isclose(base_a[0], base_b[0], rel_tol=1e-3)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((5, "dollar"), (5, "euro")),
        ((20, "warship"), (20, "soldier")),
        ((3, "percentage"), (3, "percentage point")),
        ((5, "kilometre"), (5, "kilogram")),
        ((38e9, "cubic metre per year"), (38e9, "cubic metre")),
        ((0.25, "fraction of budget"), (0.25, "budget")),
    ],
)
def test_base_units_keep_different_things_apart(a, b):
    assert to_base_units(*a)[1] != to_base_units(*b)[1]


@pytest.mark.parametrize(
    ("unit", "dimension"),
    [
        ("kilometre", "length"),
        ("dollar", "currency"),
        ("chinese yuan", "currency"),
        ("cubic metre per year", "volume/time"),
        ("barrel per day", "volume/time"),
        ("warship", "count"),
        ("fraction of budget", "fraction"),
        ("percentage", "percentage"),
        ("percentage point", "percentage-point"),
        ("", "number"),
    ],
)
def test_dimension_of(unit, dimension):
    assert dimension_of(unit) == dimension
