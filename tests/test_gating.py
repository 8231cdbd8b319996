"""Sentence gating and bounded pieces: the trained pipeline sees less text, offsets never move."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.nlp import gating
from factlint.nlp.model import trained_pipeline_version
from factlint.nlp.pipeline import analyse, get_pipeline

ARTICLE = (
    "March 2, 2024\n\n"
    "Harbour traffic grows again\n\n"
    "The port handled 4,200 ships in 2023, up 12% from a year earlier. Mr. Okafor called it a good sign. "
    "Nobody else commented.\n\n"
    "The quiet harbour master said nothing at all.\n"
    "Dredging will start in May and cost about $40 million."
)


def mentions(doc):
    return (
        [(q.text, q.start, q.end, q.value, q.unit) for q in doc._.fl_quantities],
        [(d.text, d.start, d.end, d.value) for d in doc._.fl_dates],
    )


def test_cheap_sentences_split_at_lines_and_final_stops_not_abbreviations(nlp):
    doc = nlp.tokenizer("Mr. Smith paid $5 in the U.S. today. Then he left!\nNew line here. \"Quoted,\" he said.")
    assert [doc[i].text for i in gating.sentence_starts(doc)] == ["Mr.", "Then", "New", '"']


def test_pieces_cover_the_text_and_only_number_or_date_sentences_are_parsed(nlp):
    doc = nlp.tokenizer(ARTICLE)
    pieces = gating.plan_pieces(doc, gated=True)
    assert pieces[0].start == 0 and pieces[-1].end == len(doc)
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))
    skipped = " ".join(doc[p.start : p.end].text for p in pieces if not p.parse)
    assert "Nobody else commented." in skipped and "Okafor" in skipped
    assert "4,200" not in skipped and "May" not in skipped
    # the sentence before a kept one is parsed with it (a pronoun's antecedent, the parser's state)
    assert "said nothing at all" not in skipped and "Harbour traffic" not in skipped


def test_gating_keeps_every_offset_and_mention():
    gated, full = analyse(ARTICLE, gated=True), analyse(ARTICLE, gated=False)
    assert gated.text == ARTICLE
    assert mentions(gated) == mentions(full)
    for q in gated._.fl_quantities:
        assert ARTICLE[q.start : q.end] == q.text
    # skipped sentences keep their own sentence boundaries
    assert "Nobody else commented." in [s.text.strip() for s in gated.sents]


def test_long_articles_are_parsed_in_bounded_pieces(monkeypatch):
    """No length limit short of memory: a text over the model's max_length is parsed piece by piece."""
    paragraph = "The plant made 1,200 tonnes of steel in 2021 and employed 340 people. Output rose 5% in May.\n\n"
    one_line = " ".join(["word"] * 300) + " and 7 more kilometres\n"
    text = paragraph * 30 + one_line + paragraph
    nlp = get_pipeline()
    monkeypatch.setattr(nlp, "max_length", 1_000)
    monkeypatch.setattr(gating, "MAX_PIECE_CHARS", 400)
    for gated in (True, False):
        doc = analyse(text, doc_date=dt.date(2024, 1, 1), gated=gated)
        assert doc.text == text
        values = [q.value for q in doc._.fl_quantities]
        assert values.count(1200) == 31 and values.count(340) == 31 and 7 in values
        assert [d.text for d in doc._.fl_dates].count("2021") == 31
        for q in doc._.fl_quantities:
            assert text[q.start : q.end] == q.text


WORDS = st.sampled_from(["the", "Port", "said", "12", "May", "Mr.", "ships", "U.S.", "x" * 30, "."])
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", "! ", "  "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=80), st.booleans(), st.integers(20, 120))
def test_pieces_are_consecutive_and_bounded(nlp, parts, gated, max_chars):
    text = "".join(word + sep for word, sep in parts)
    doc = nlp.tokenizer(text)
    pieces = gating.plan_pieces(doc, gated=gated, max_chars=max_chars)
    if not len(doc):
        assert pieces == []
        return
    assert pieces[0].start == 0 and pieces[-1].end == len(doc)
    for a, b in zip(pieces, pieces[1:]):
        assert a.end == b.start and a.start < a.end
    for piece in pieces:
        span = doc[piece.start : piece.end]
        assert len(span.text_with_ws) <= max_chars or piece.end - piece.start == 1


def test_the_switch_is_part_of_the_extractor_version(monkeypatch):
    monkeypatch.setenv(gating.GATING_ENV, "0")
    ungated = trained_pipeline_version()
    monkeypatch.setenv(gating.GATING_ENV, "1")
    assert ungated != trained_pipeline_version() and ungated.endswith("ungated")


@pytest.mark.parametrize("value,expected", [("0", False), ("off", False), ("1", True), ("on", True), ("", False)])
def test_gating_switch_values(monkeypatch, value, expected):
    monkeypatch.setenv(gating.GATING_ENV, value)
    assert gating.gating_enabled() is expected


def test_the_table_attribute_ruler_sets_what_the_models_ruler_sets():
    """The replacement gives every token the same POS, morphology and lemma as spaCy's own
    attribute_ruler, on the seed articles and on the golden mention texts."""
    import numpy
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from factlint.nlp.model import load_trained_pipeline
    from factlint.nlp.pipeline import TableAttributeRuler

    nlp = load_trained_pipeline()
    original = nlp.get_pipe("attribute_ruler")
    table = TableAttributeRuler(nlp.vocab, original.patterns)
    tests = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((tests.parent / "seeds").glob("*.txt"))]
    texts += [line for p in sorted((tests / "golden").glob("*.yaml")) for line in p.read_text(encoding="utf-8").splitlines() if "text:" in line]
    texts += ["I ain't gonna say nothin' y'all", "  \n\n spaces   and\ttabs  "]
    attrs = [POS, TAG, MORPH, LEMMA, DEP, HEAD]
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        a, b = original(doc.copy()), table(doc.copy())
        assert numpy.array_equal(a.to_array(attrs), b.to_array(attrs)), doc.text[:80]


def test_the_table_lemmatizer_gives_the_models_lemmas():
    """The replacement gives every token the lemma spaCy's own rule lemmatizer gives it (and keeps
    the lemmas the attribute ruler set), on the seed articles and the golden mention texts."""
    import numpy
    from spacy.attrs import LEMMA

    from factlint.nlp.model import load_trained_pipeline
    from factlint.nlp.pipeline import TableLemmatizer

    nlp = load_trained_pipeline()
    original = nlp.get_pipe("lemmatizer")
    table = TableLemmatizer(original)
    tests = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((tests.parent / "seeds").glob("*.txt"))]
    texts += [line for p in sorted((tests / "golden").glob("*.yaml")) for line in p.read_text(encoding="utf-8").splitlines() if "text:" in line]
    texts += ["I ain't gonna say nothin' y'all", "  \n\n spaces   and\ttabs  ", "Shares rose; the shares' owners were selling"]
    with nlp.select_pipes(disable=["lemmatizer", "ner"]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        a, b = original(doc.copy()), table(doc.copy())
        assert numpy.array_equal(a.to_array([LEMMA]), b.to_array([LEMMA])), doc.text[:80]


def test_pieces_have_the_tokens_and_norms_of_the_whole_text(nlp):
    from spacy.attrs import LOWER, NORM, ORTH, SHAPE, SPACY

    from factlint.nlp.pipeline import _split

    text = ARTICLE + "\n\nIt isn't the U.S. that's gonna pay $5bn, y'all. " * 3
    doc = nlp.tokenizer(text)
    pieces = gating.plan_pieces(doc, gated=True, max_chars=60)
    attrs = [ORTH, NORM, SPACY, LOWER, SHAPE]
    for piece, piece_doc in zip(pieces, _split(doc, [(p.start, p.end) for p in pieces])):
        assert (piece_doc.to_array(attrs) == doc[piece.start : piece.end].as_doc().to_array(attrs)).all()


def test_a_vulgar_fraction_makes_a_candidate_sentence():
    from factlint.nlp.gating import is_candidate

    assert is_candidate("½", frozenset())
    assert is_candidate("2½", frozenset())
    assert not is_candidate("half-way", frozenset())
