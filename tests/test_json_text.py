"""factlint.json_text.dumps writes exactly what json.dumps(sort_keys=True, indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import enum
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.json_text import dumps


def _stdlib(value: object) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=40,
)


@settings(max_examples=400)
@given(values)
def test_same_text_as_the_standard_library(value):
    assert dumps(value) == _stdlib(value)


class Colour(str, enum.Enum):
    red = "red"


class Level(enum.IntEnum):
    high = 3


@pytest.mark.parametrize("value", [
    {"a": [], "b": {}, "c": [{}], "d": [[]]},
    {"text": "line\nbreak \"quoted\" \\ tab\t \x00 \u2028 é ☃ \U0001f600"},
    [math.nan, math.inf, -math.inf, -0.0, 1e16, 1e-7, 5e-324],
    {"z": 1, "a": 2, "é": 3, "A": 4, "_": 5},
    {"enum": Colour.red, "int-enum": Level.high},  # subclasses: written by json.dumps itself
    {1: "numeric key", 2: "other"},
    {"big": 10**30, "neg": -(10**30)},
])
def test_edge_cases_match(value):
    assert dumps(value) == _stdlib(value)


def test_what_json_dumps_refuses_it_refuses():
    with pytest.raises(TypeError):
        dumps({"x": object()})
    with pytest.raises(TypeError):
        dumps({1: "a", "b": 2})  # keys that do not sort


def test_a_report_with_claims_rendered_ahead_is_the_same_text():
    from pathlib import Path

    from factlint.report.json_report import render_ahead, render_json
    from factlint.runner import check_stored

    result = check_stored(Path(__file__).resolve().parents[1] / "claims")
    assert result is not None and result.claims
    plain = render_json(result)
    for claims in (result.claims, result.claims[::2]):  # every claim, or only some
        for _ in render_ahead(claims):
            pass
        assert render_json(result) == plain
