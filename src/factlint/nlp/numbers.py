"""Reading numbers as written in English news text: digits and words, scales, fractions.

Pure string functions, no spaCy: the quantity extractor finds *where* a number is and calls these
to know *what* it is worth.

    >>> parse_digits("1,200.5")
    1200.5
    >>> parse_number_words("twenty-one thousand")
    21000.0
    >>> parse_fraction_words("two-thirds")
    0.6666666666666666

The vocabulary (cardinals, scale words, fractions, vague plurals such as "hundreds") lives in
``patterns/quantity_words.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

MINUS_SIGNS = "-−–"
"""Characters written as a minus sign in front of a number (hyphen, U+2212 minus, en dash)."""


@lru_cache(maxsize=1)
def number_words() -> dict[str, Any]:
    """The word lists of ``patterns/quantity_words.yaml``."""
    text = (
        resources.files("factlint.nlp").joinpath("patterns/quantity_words.yaml").read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def cardinal_words() -> dict[str, float]:
    return {k: float(v) for k, v in number_words()["units"].items()}


def scale_words() -> dict[str, float]:
    return {k: float(v) for k, v in number_words()["scales"].items()}


def scale_abbreviations() -> dict[str, float]:
    return {k: float(v) for k, v in number_words()["scale_abbreviations"].items()}


# A run of digits with optional thousands separators (",", or a thin/no-break space between groups of
# three) and an optional decimal part; or a bare decimal part (".001"). Detokenised feeds write
# "80, 000": a comma and a space before a group of three that starts with 0 can only be a
# separator (no list item is written "000"); "1, 250" stays two numbers.
DIGITS_PATTERN = (
    r"(?:\d{1,3}(?:,\d{3})*(?:, 0\d{2})+(?:,\d{3})*(?![\d.])|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u2009\u202f]\d{3})+|\d+)"
    r"(?:\.\d+)?|\.\d+"
)
DIGITS_RE = re.compile(rf"(?:{DIGITS_PATTERN})")


def parse_digits(text: str) -> float | None:
    """The value of a digit string: ``"1,200"`` -> 1200.0, ``"-3.5"`` -> -3.5, ``".5"`` -> 0.5.

    Accepts a leading sign (``+``, ``-``, U+2212) and thousands separators (comma, thin space,
    narrow no-break space); returns None for anything else.
    """
    s = text.strip()
    sign = 1.0
    if s[:1] in MINUS_SIGNS:
        sign, s = -1.0, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    if not DIGITS_RE.fullmatch(s):
        return None
    return sign * float(re.sub(r"[, \u2009\u202f]", "", s))


def format_thousands(value: int) -> str:
    """``1234567`` -> ``"1,234,567"`` (the inverse of :func:`parse_digits` for integers)."""
    return f"{value:,}"


def _word_tokens(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", text.lower().strip()) if w and w != "and"]


def parse_number_words(text: str) -> float | None:
    """The value of a cardinal written in words: "two", "twenty-one", "three hundred and five",
    "a dozen", "4 hundred million" (a leading digit number is allowed), "a million".

    Returns None when a word is not part of a cardinal.
    """
    cardinals, scales = cardinal_words(), scale_words()
    words = _word_tokens(text)
    half = words[-2:] == ["a", "half"]  # "two and a half" ("and" is dropped by _word_tokens)
    if half:
        words = words[:-2]
    if not words:
        return None
    if words[0] in ("a", "an"):
        if len(words) == 1:
            return None
        words = ["one", *words[1:]]
    total = 0.0
    current = 0.0
    seen_number = False
    for word in words:
        digit_value = parse_digits(word)
        if digit_value is not None and not seen_number:
            current = digit_value
        elif word in cardinals:
            value = cardinals[word]
            if word == "dozen":
                current = (current or 1.0) * value
            else:
                current += value
        elif word in scales:
            scale = scales[word]
            if scale == 100.0:
                current = (current or 1.0) * scale
            else:
                total += (current or 1.0) * scale
                current = 0.0
        else:
            return None
        seen_number = True
    return total + current + (0.5 if half else 0.0)


def parse_fraction_words(text: str) -> float | None:
    """ "half" -> 0.5, "a quarter" -> 0.25, "two-thirds" -> 0.667, "three quarters" -> 0.75."""
    fractions = number_words()["fractions"]
    cardinals = cardinal_words()
    words = _word_tokens(text)
    if not words:
        return None
    denominator_word = words[-1]
    if denominator_word not in fractions:
        return None
    numerator_words = words[:-1]
    if not numerator_words or numerator_words == ["a"] or numerator_words == ["an"]:
        numerator = 1.0
    elif len(numerator_words) == 1 and numerator_words[0] in cardinals:
        numerator = cardinals[numerator_words[0]]
    else:
        return None
    return numerator / float(fractions[denominator_word])


def vague_plural_range(text: str) -> tuple[float, float] | None:
    """ "hundreds" -> (100, 1000); "tens of thousands" -> (1e4, 1e5); "dozens" -> (12, 120).

    The range is [one of the unit, ten of it]: the phrase commits to at least two of them and
    fewer than ten times the unit.
    """
    plurals = number_words()["vague_plurals"]
    words = [w for w in _word_tokens(text) if w != "of"]
    if not words or any(w not in plurals for w in words):
        return None
    unit = 1.0
    for word in words:
        unit *= float(plurals[word])
    return unit, unit * 10.0
