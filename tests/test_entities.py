"""Golden cases for the entity extractor (tests/golden/entities.yaml) and its small pure helpers."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import golden_id, load_golden
from factlint.nlp.countries import lookup_country
from factlint.nlp.entities import _acronym_matches, acronym_of, designator_id, slugify
from factlint.nlp.pipeline import analyse

CASES = load_golden("entities.yaml")


@pytest.mark.parametrize("case", CASES, ids=[golden_id(case) for case in CASES])
def test_golden_entities(case, parse_text):
    doc = parse_text(case["text"], case.get("date"))
    found = [{"text": e.text, "id": e.id, "type": e.type} for e in doc._.fl_entities]
    assert found == case["entities"]
    for entity in doc._.fl_entities:
        assert doc.text[entity.start : entity.end] == entity.text


def test_enough_golden_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("long_name", "acronym"),
    [
        ("European Investment Bank", "EIB"),
        ("European Bank for Reconstruction and Development", "EBRD"),
        ("The World Health Organization", "WHO"),
        ("Asia-Pacific Economic Cooperation", "APEC"),
    ],
)
def test_acronym_of(long_name, acronym):
    assert acronym_of(long_name) == acronym


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Power of Siberia 2", "power-of-siberia-2"),
        ("the Power of Siberia", "power-of-siberia"),
        ("Zürich Ost Terminal’s", "zurich-ost-terminal"),
        ("AT&T", "at-and-t"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    ("acronym", "long_name", "expected"),
    [
        ("ASEAN", "Association of Southeast Asian Nations", True),
        ("DOE", "Department of Energy", True),
        ("IEA", "International Energy Agency", True),
        ("IMF", "International Energy Agency", False),
        ("OPEC", "Organization of the Petroleum Exporting Countries", True),
    ],
)
def test_acronym_matches_its_long_form(acronym, long_name, expected):
    assert _acronym_matches(acronym, long_name) is expected


def test_designator_numbers_written_any_way_are_one_id():
    assert (
        designator_id("Phase", "II")
        == designator_id("phase", "2")
        == designator_id("Phase", "two")
        == "phase-ii"
    )
    assert designator_id("Line", "1") != designator_id("Line", "2")


@pytest.mark.parametrize(
    ("form", "alpha3"),
    [("Mongolian", "MNG"), ("Lisbon", "PRT"), ("Holland", "NLD"), ("Viet Nam", "VNM"), ("Swiss", "CHE")],
)
def test_country_forms(form, alpha3):
    assert lookup_country(form).alpha3 == alpha3


def test_lower_case_words_are_not_countries():
    assert lookup_country("turkey") is None and lookup_country("china") is None


# Pieces of entity-heavy text, joined at random: names, pairs, dashes, possessives, brackets, lines.
ENTITY_PIECES = [
    "China", "Poland", "-", "–", "Sino", "Russian", "Moscow", "said", "in", "the", "The", "U.S.", "UK",
    "Line", "2", "II", "Phase", "two", "pipeline", "terminal", "S-400", "systems", "Boeing", "737",
    "European", "Investment", "Bank", "(", "EIB", ")", "'s", "’s", "\n", "\n\n", ",", ".", ":", "of",
    "Bay", "Gulf", "Mexico", "Guinea-Bissau", "turkey", "Chad", "Smith", "second", "phase", "Côte",
    "d'Ivoire", "between", "and", "Paris", "visited", "Gas", "Link", "3",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(ENTITY_PIECES), min_size=1, max_size=30),
    st.lists(st.sampled_from([" ", "", " "])),
)
def test_mentions_are_exact_ordered_and_disjoint(pieces, gaps):
    text = "".join(piece + (gaps[i] if i < len(gaps) else " ") for i, piece in enumerate(pieces))
    mentions = analyse(text)._.fl_entities
    previous_end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end and mention.end > mention.start
        assert mention.id and mention.id == mention.id.strip()
        if mention.type == "country":
            assert pycountry.countries.get(alpha_3=mention.id) is not None
        previous_end = mention.end
