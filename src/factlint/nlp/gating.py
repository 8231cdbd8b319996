"""The cheap pass in front of the trained pipeline: which sentences are worth the model's time, and
how a document is cut into bounded pieces.

A claim comes from a quantity, a date or named goods with a model number, and every one of those is
written with a digit or a number, calendar or time-unit word. The cheap pass reads the tokenizer's
output only: it finds sentence boundaries (a line break; a sentence-final ``.``, ``!`` or ``?`` that
the tokenizer split off, followed by a capitalised word or a quote: abbreviations such as "Mr." or
"U.S." stay one token and never end a sentence, and a number after a full stop does not start one,
as in "report No. 12") and keeps the sentences with a candidate word. These boundaries are given to
the parser, gated or not (it may add its own), so they must be sure ones. The model then runs on runs of kept sentences only; the other sentences keep their tokens (so
offsets, line numbers and the gazetteer passes of the entity reader still see the whole text) and get
a placeholder tree per sentence so that sentence boundaries stay where the cheap pass put them.

The vocabulary is not a list of its own: it is the union of the number and calendar vocabularies the
quantity and date readers use (``patterns/quantity_words.yaml``, ``patterns/date_words.yaml``) and the
date reader's time units, minus the articles "a"/"an" (which read as "one" only before a word that is
itself in the vocabulary: "a dozen", "a year ago").

Pieces are bounded (:data:`MAX_PIECE_CHARS`) whether or not gating is on, so a document of any size
is parsed in memory and time linear in its length; a piece is cut at a paragraph break where one is
near, else at a sentence boundary, else at a space.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

GATING_ENV = "FACTLINT_GATING"
"""Set to ``1`` (or ``on``, ``yes``, ``true``) to run the trained pipeline only on candidate sentences
(and the sentence before each). The claims are then those of a full parse, but the document's entity
counts, which clustering and the checks read, miss the names of the skipped sentences (they have
moved planted findings and still change one dev corpus's clusters, bench/CHECK_SPEED.md), and the
saving on real news is a few percent, so it is off by default."""

MAX_PIECE_CHARS = 20_000
"""Longest stretch of text the trained pipeline sees at once (spaCy's parser and NER need memory in
proportion to the piece, and refuse texts over ``nlp.max_length``)."""

CONTEXT_SENTENCES = 1
"""Sentences before a kept sentence that are parsed with it. The claim reader looks one sentence
back for the antecedent of a pronoun subject ("It carried 41 million"), and the parser reads a
sentence differently when the one before it is not parsed with it (its state at a sentence start
carries over); with the sentence before parsed too, a kept sentence is parsed exactly as in the
whole text (measured in bench/CHECK_SPEED.md)."""

SENTENCE_END_PUNCT = frozenset(".!?")
OPENING_QUOTES = frozenset("\"'“‘(«[")


def gating_enabled() -> bool:
    return os.environ.get(GATING_ENV, "0").strip().lower() in ("1", "on", "yes", "true")


@lru_cache(maxsize=1)
def candidate_words() -> frozenset[str]:
    """Lower-case words that make a sentence worth parsing (see the module docstring)."""
    from factlint.nlp.dates import date_words
    from factlint.nlp.numbers import number_words

    quantity = number_words()
    calendar = date_words()
    words: set[str] = set()
    for table in ("units", "scales", "fractions", "vague_plurals"):
        words.update(str(w) for w in quantity[table])
    for table in (
        calendar.months,
        calendar.month_abbreviations,
        calendar.weekdays,
        calendar.seasons,
        calendar.number_words,
        calendar.ordinal_words,
        calendar.tens,
        calendar.day_words,
        calendar.spoken_centuries,
    ):
        words.update(str(w) for w in table)
    for unit in (*calendar.calendar_units, *calendar.unit_words):
        words.update((unit, unit + "s", "centuries" if unit == "century" else unit))
    words = {w.lower() for w in words} - {"a", "an"}
    return frozenset(words)


def is_candidate(token_text: str, words: frozenset[str]) -> bool:
    if any(char.isnumeric() for char in token_text):  # "½", "²" as well as digits
        return True
    lower = token_text.lower()
    if lower in words:
        return True
    return "-" in lower and any(part in words for part in lower.split("-"))  # "twenty-five", "mid-March"


def sentence_starts(doc: Doc) -> list[int]:
    """Token indices where the cheap pass starts a sentence (always including 0 for a non-empty doc)."""
    starts = [0] if len(doc) else []
    ends_line = False
    ends_sentence = False
    for token in doc:
        if token.i and (ends_line or (ends_sentence and _opens_sentence(token.text))):
            if not token.is_space:
                starts.append(token.i)
                ends_line = ends_sentence = False
        text = token.text
        if token.is_space:
            ends_line = ends_line or "\n" in text
            continue
        ends_line = "\n" in token.whitespace_
        ends_sentence = bool(token.whitespace_) and (
            text in SENTENCE_END_PUNCT or (ends_sentence and text in ("\"", "'", "”", "’", ")", "]"))
            or (len(text) > 1 and set(text) <= SENTENCE_END_PUNCT)
        )
    return starts


def _opens_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first in OPENING_QUOTES


@dataclass(frozen=True)
class Piece:
    start: int
    """First token index."""
    end: int
    """One past the last token index."""
    parse: bool
    """Whether the trained pipeline runs on it."""
    sentence_starts: tuple[int, ...]
    """Token indices (into the whole doc) where the cheap pass starts a sentence inside it."""


def plan_pieces(doc: Doc, *, gated: bool, max_chars: int | None = None, context: int | None = None) -> list[Piece]:
    """Cut the tokenized ``doc`` into consecutive pieces covering it, each at most ``max_chars``
    characters long (unless a single token is longer); with ``gated``, only pieces of sentences with
    a candidate word (and ``context`` sentences before each) are marked ``parse``."""
    max_chars = MAX_PIECE_CHARS if max_chars is None else max_chars
    context = CONTEXT_SENTENCES if context is None else context
    n = len(doc)
    if not n:
        return []
    text_length = len(doc.text)

    def char(i: int) -> int:
        return doc[i].idx if i < n else text_length

    starts = sentence_starts(doc)
    ends = starts[1:] + [n]
    if gated:
        words = candidate_words()
        keep = [any(is_candidate(doc[t].text, words) for t in range(a, b)) for a, b in zip(starts, ends)]
        for i in [i for i, kept in enumerate(keep) if kept]:
            for j in range(max(0, i - context), i):
                keep[j] = True
    else:
        keep = [True] * len(starts)
    pieces: list[Piece] = []
    first = 0
    while first < len(starts):
        last = first
        while last + 1 < len(starts) and keep[last + 1] == keep[first]:
            last += 1
        bounds = starts[first : last + 1] + [ends[last]]
        for a, b in _bounded(doc, bounds, char, max_chars):
            inside = starts[bisect_left(starts, a) : bisect_left(starts, b)]
            pieces.append(Piece(start=a, end=b, parse=keep[first], sentence_starts=tuple(inside)))
        first = last + 1
    return pieces


def _bounded(doc: Doc, bounds: list[int], char, max_chars: int) -> Iterator[tuple[int, int]]:
    """Token ranges from ``bounds[0]`` to ``bounds[-1]`` (``bounds`` are sentence starts), each at most
    ``max_chars`` characters where the text allows: a full range is cut at its last paragraph break
    in its second half, else at its last sentence boundary, else (one long sentence) at a space."""
    start, end = bounds[0], bounds[-1]
    last_sentence = last_paragraph = None
    k = 1
    while start < end:
        b = bounds[k]
        if char(b) - char(start) <= max_chars:
            if b == end:
                yield start, end
                return
            last_sentence = b
            if _after_paragraph_break(doc, b) and char(b) - char(start) >= max_chars // 2:
                last_paragraph = b
            k += 1
            continue
        cut = last_paragraph or last_sentence or _space_cut(doc, start, b, char, max_chars)
        yield start, cut
        start = cut
        last_sentence = last_paragraph = None
        if start == b:
            k += 1


def _after_paragraph_break(doc: Doc, i: int) -> bool:
    return sum(t.text_with_ws.count("\n") for t in doc[max(0, i - 2) : i]) >= 2


def _space_cut(doc: Doc, start: int, stop: int, char, max_chars: int) -> int:
    """The last token boundary within ``max_chars`` of ``start`` before ``stop``, after a space if
    there is one; at least one token."""
    limit = char(start) + max_chars
    after_space = any_boundary = None
    for i in range(start + 1, stop):
        if char(i) > limit:
            break
        any_boundary = i
        if doc[i - 1].whitespace_ or doc[i - 1].is_space:
            after_space = i
    return after_space or any_boundary or min(start + 1, stop)
