"""Ordinals ("800th anniversary", "fourth year"): their own mention, never a quantity.

An ordinal is a rank: digits with a suffix ("800th", "21st") or a word ("third", "twenty-first").
Not ordinals: the adverb ("was first proposed"), the discourse marker ("First, ..."), fractions
("a fifth of", "one-third of"), the time unit ("30 seconds", "0 Second"), and any ordinal inside
a date ("May 16th", "the 21st century", "the first quarter of 2024"), which belongs to the date.
``head`` is the lemma of the noun the ordinal ranks ("anniversary"), None when it stands alone
("The first came in 2011").
"""

from __future__ import annotations

import bisect

import re

from spacy.tokens import Doc, Token

from factlint.models import Ordinal
from factlint.nlp.dates import date_words, extract_dates, ordinal_word_value
from factlint.nlp.numbers import parse_number_words

FRACTION_FOLLOWERS = frozenset({"of", "more", "less", "fewer", "larger", "smaller", "higher", "lower", "as", "than"})
FRACTION_ARTICLES = frozenset({"a", "one", "-", "‑"})
NOUNS = frozenset({"NOUN", "PROPN"})


def _ordinal_pattern() -> re.Pattern[str]:
    words = date_words()
    units = [w for w, v in words.ordinal_words.items() if v < 10]
    compounds = [f"{tens}[-‑]{unit}" for tens in words.tens for unit in units]
    alternatives = sorted(compounds + list(words.ordinal_words), key=len, reverse=True)
    return re.compile(rf"\b(?:\d{{1,4}}(?:st|nd|rd|th)|(?:{'|'.join(alternatives)}))\b", re.IGNORECASE)


ORDINAL_RX = _ordinal_pattern()


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _neighbour(token: Token, step: int) -> Token | None:
    index = token.i + step
    return token.doc[index] if 0 <= index < len(token.doc) else None


def _is_adverb_or_marker(token: Token) -> bool:
    following = _neighbour(token, 1)
    if token.tag_ in ("RB", "RBS", "RBR") and not token.text[:1].isdigit():  # "12th" is never "secondly"
        return following is None or following.text not in ("-", "‑")  # "second-largest" ranks
    return token.is_sent_start and following is not None and following.text in (",", ":", ";")


def _is_fraction(token: Token, first_token: Token) -> bool:
    if ordinal_word_value(token.text) in (1, 2):
        return False
    previous, following = _neighbour(first_token, -1), _neighbour(token, 1)
    if previous is not None and previous.text == "-" and first_token.i == token.i:
        numerator = _neighbour(previous, -1)
        count = parse_number_words(numerator.text) if numerator is not None else None
        denominator = ordinal_word_value(token.text)
        if count is not None and denominator and count < denominator:
            return True  # "a one-third interest", "two-thirds majority"; "twenty-third" is a rank
    if previous is None or previous.lower_ not in FRACTION_ARTICLES and not previous.like_num:
        return False
    return following is None or following.lower_ in FRACTION_FOLLOWERS or following.is_punct or following.tag_ in ("JJR", "RBR")


def _is_time_unit(token: Token, first_token: Token) -> bool:
    """"30 second", "wait a second": the unit of time, not the rank."""
    if token.lower_ != "second":
        return False
    previous, following = _neighbour(first_token, -1), _neighbour(token, 1)
    if previous is not None and previous.like_num:
        return True
    ranks_a_noun = following is not None and following.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
    return previous is not None and previous.lower_ in ("a", "one", "per", "each") and not ranks_a_noun


def _head_noun(token: Token) -> str | None:
    """Lemma of the noun the ordinal ranks: its syntactic head, or the noun right after it."""
    head = token
    for _ in range(3):
        if head.dep_ in ("amod", "nummod", "compound", "advmod", "npadvmod") and head.head.i != head.i:
            head = head.head
            if head.pos_ in NOUNS:
                return head.lemma_.lower()
            if head.pos_ != "ADJ":
                break
        else:
            break
    following = _neighbour(token, 1)
    if following is not None and following.text in ("-", "‑"):
        following = _neighbour(following, 1)
    if following is not None and following.pos_ in NOUNS and following.i > token.i:
        return following.lemma_.lower()
    return None


def extract_ordinals(doc: Doc) -> list[Ordinal]:
    """Ordinal mentions in ``doc``, in text order, none inside a date."""
    dates = doc._.fl_dates if Doc.has_extension("fl_dates") and doc._.fl_dates is not None else extract_dates(doc)
    taken = sorted((d.start, d.end) for d in dates)  # dates never overlap: a bisect finds the one to check
    taken_starts = [s for s, _ in taken]
    ordinals = []
    for match in ORDINAL_RX.finditer(doc.text):
        start, end = match.span()
        k = bisect.bisect_left(taken_starts, end)
        if k > 0 and taken[k - 1][1] > start:
            continue
        value = ordinal_word_value(match.group())
        span = doc.char_span(start, end, alignment_mode="expand")
        if value is None or span is None or not len(span):
            continue
        first_token, token = span[0], span[-1]
        if _is_adverb_or_marker(token) or _is_fraction(token, first_token) or _is_time_unit(token, first_token):
            continue
        ordinals.append(Ordinal(text=match.group(), start=start, end=end, value=value, head=_head_noun(token)))
    return ordinals
