"""Golden cases for the date extractor (tests/golden/dates.yaml) and the byline-date parser."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from conftest import golden_id, load_golden
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.nlp.dates import parse_document_date
from factlint.nlp.pipeline import mentions_of

CASES = load_golden("dates.yaml")
OPTIONAL_FIELDS = ("first", "last", "relative")


def _as_found(date, expected: dict) -> dict:
    """The extracted date as a mapping with the fields the expected case spells out."""
    found = {"text": date.text, "value": date.value, "kind": date.kind, "granularity": date.granularity}
    found.update({field: getattr(date, field) for field in OPTIONAL_FIELDS if field in expected})
    return found


@pytest.mark.parametrize("case", CASES, ids=[golden_id(case) for case in CASES])
def test_golden_dates(case, parse_text):
    doc = parse_text(case["text"], case.get("date"))
    dates = mentions_of(doc).dates if case.get("reported") else doc._.fl_dates
    expected = case["dates"]
    assert len(dates) == len(expected), [d.text for d in dates]
    for date, want in zip(dates, expected, strict=True):
        assert _as_found(date, want) == want
        assert doc.text[date.start : date.end] == date.text


def test_enough_golden_cases():
    assert len(CASES) >= 45
    assert any(not case["dates"] for case in CASES), "negatives are needed too"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("November 8, 2022", dt.date(2022, 11, 8)),
        ("14 February 2021", dt.date(2021, 2, 14)),
        ("April 3, 2020", dt.date(2020, 4, 3)),
        ("2020-04-03", dt.date(2020, 4, 3)),
        ("  Sept. 9, 2021  ", dt.date(2021, 9, 9)),
        ("Tuesday, 13 February 2024", dt.date(2024, 2, 13)),
        ("Published: 5 June 2022", dt.date(2022, 6, 5)),
        ("Updated on August 30, 2019 at 10:45 GMT", dt.date(2019, 8, 30)),
    ],
)
def test_document_date_lines(line, expected):
    assert parse_document_date(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Read Time: 7 Minute, 0 Second",
        "Trade between the two countries hit a record in 2023",
        "Explained: what the October 1, 2022 deadline means",
        "October 2023",
        "2023",
        "February 30, 2024",
        "The summit opened on 16 May 2024.",
    ],
)
def test_not_document_date_lines(line):
    assert parse_document_date(line) is None


DATE_LIKE_WORDS = [
    "in", "since", "by", "until", "from", "to", "between", "and", "the", "last", "next", "this", "of",
    "May", "March", "June", "December", "Sept.", "Monday", "friday", "spring", "summer", "winter",
    "year", "years", "month", "quarter", "ago", "earlier", "previous", "first", "third", "21st",
    "2019", "2020", "1999", "2000", "1648", "2100", "16", "17", "31", "2", "-", "–", "/", ",", ".",
    "$", "tonnes", "people", "Q3", "H1", "1960s", "'90s", "century", "mid-2025", "2016-2020", "two",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(DATE_LIKE_WORDS), min_size=1, max_size=14), with_date=st.booleans())
def test_any_word_soup_gives_consistent_spans(words, with_date, parse_text):
    doc = parse_text(" ".join(words), "2024-02-29" if with_date else None)
    spans = [(d.start, d.end, d.text) for d in doc._.fl_dates] + [(o.start, o.end, o.text) for o in doc._.fl_ordinals]
    for start, end, text in spans:
        assert doc.text[start:end] == text
    spans.sort()
    for (_, end, _), (start, _, _) in pairwise(spans):
        assert end <= start, "dates and ordinals must never overlap"
    for date in doc._.fl_dates:
        assert (date.value is None) == (date.first is None) == (date.last is None)
        if date.first is not None:
            assert date.first <= date.last


def _rule_examples():
    from factlint.nlp.dates import date_rules

    for rule in date_rules():
        for example in rule.examples:
            text, match = (example["text"], example["match"]) if isinstance(example, dict) else (example, example)
            yield pytest.param(rule, text, match, id=f"{rule.name}:{text}")


@pytest.mark.parametrize(("rule", "text", "expected"), list(_rule_examples()))
def test_every_date_rule_matches_its_examples(rule, text, expected):
    """The grammar is data (patterns/date_rules.yaml): each named rule matches what it claims to."""
    found = [m.group(0) for m in rule.pattern.finditer(text)]
    assert expected in found, found


def test_every_date_rule_has_examples():
    from factlint.nlp.dates import date_rules

    assert all(rule.examples for rule in date_rules())
    assert len({rule.name for rule in date_rules()}) == len(date_rules()), "rule names are unique"
