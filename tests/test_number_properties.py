"""Property tests: the whole parser never raises and its offsets are exact; numbers read back."""

from __future__ import annotations

import itertools
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.nlp.numbers import format_thousands, parse_digits, parse_number_words
from factlint.nlp.pipeline import analyse, mentions_of
from factlint.nlp.units import glued_currency_symbols

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of number-heavy news text, so that random sentences exercise the quantity reader.
NEWSY_PIECES = [
    "$",
    "US$",
    "€",
    "£",
    "PS",
    "Y=",
    "5",
    "1,000",
    "2.5",
    ".3",
    "-",
    "–",
    "+",
    "to",
    "and",
    "between",
    "from",
    "bn",
    "m",
    "k",
    "million",
    "billion",
    "per",
    "cent",
    "%",
    "percentage",
    "points",
    "over",
    "about",
    "nearly",
    "up",
    "rose",
    "fell",
    "by",
    "miles",
    "km",
    "bcm",
    "a",
    "year",
    "day",
    "barrels",
    "tonnes",
    "soldiers",
    "of",
    "hundreds",
    "half",
    "two",
    "twenty-one",
    "2019",
    "in",
    "March",
    "S-400",
    "COVID-19",
    "(",
    ")",
    ",",
    ".",
    "USD",
    "yuan",
    "euros",
    "mph",
    "MW",
    "times",
    "one",
    "third",
    "year-old",
    "\u00a0",
    "\n",
    "′",
    "½",
    "9" * 330,  # beyond any float
    # issue 9: changes, currencies, symbols, fractions, spoken years, day words
    "rose",
    "from",
    "to",
    "up",
    "points",
    "₡",
    "GH₵",
    "cad$",
    "MEUR",
    "mio",
    "dollars",
    "cents",
    "1/4",
    "dm",
    "km/hr",
    "(kg)",
    "nineteen",
    "ninety-six",
    "today",
    "Friday",
    "since",
    "’s",
    "rose from",
    "to",
    "the past",
    "years",
    "between",
    "and",
    ", 000",
    "by",
    "x",
    "degrees",
    "F",
    "yr old",
    "one-third",
    "'11\"",
    "Rp",
    "Nkr",
]
newsy_text = st.lists(
    st.tuples(st.sampled_from(NEWSY_PIECES), st.sampled_from(["", " ", " ", "-"])), max_size=25
).map(lambda parts: "".join(piece + sep for piece, sep in parts))


def _assert_offsets_exact(text: str) -> None:
    doc = analyse(text)
    assert doc.text == text
    for kind in ("fl_quantities", "fl_dates", "fl_entities", "fl_ordinals"):
        for mention in getattr(doc._, kind) or []:
            assert 0 <= mention.start <= mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text, (kind, mention)
    quantities = doc._.fl_quantities or []
    for earlier, later in itertools.pairwise(quantities):
        assert earlier.end <= later.start, "quantities never overlap"
    for quantity in quantities:
        assert quantity.value is None or math.isfinite(quantity.value)
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high
        assert (quantity.role == "to") == (quantity.change_from is not None), "only an end level has a start"
        assert quantity.tolerance is None or quantity.tolerance >= 0
    reported = mentions_of(doc)  # what `factlint parse` prints: movements joined, durations, range ends
    for mention in [*reported.quantities, *reported.dates]:
        assert 0 <= mention.start <= mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text, mention
    for quantity in reported.quantities:
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high


@FAST
@given(st.text(max_size=120))
def test_analyse_never_raises_and_offsets_are_exact_on_any_text(text):
    _assert_offsets_exact(text)


@FAST
@given(newsy_text)
def test_analyse_offsets_are_exact_on_number_heavy_text(text):
    _assert_offsets_exact(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_separated_integers_read_back(n):
    assert parse_digits(format_thousands(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_decimals_read_back(whole, cents):
    text = f"{format_thousands(whole)}.{cents:02d}"
    assert math.isclose(parse_digits(text), whole + cents / 100, rel_tol=1e-12)
    assert math.isclose(parse_digits("-" + text), -(whole + cents / 100), rel_tol=1e-12)


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand_in_words(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(f"{_ONES[hundreds]} hundred")
    if rest or not hundreds:
        if rest < 20:
            words.append(_ONES[rest])
        else:
            tens, ones = divmod(rest, 10)
            words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    return " and ".join(words) if len(words) == 2 else words[0]


def _in_words(n: int) -> str:
    """English words for 0 <= n < 10**12 ("one million two hundred and five thousand")."""
    if n < 1000:
        return _below_thousand_in_words(n)
    parts = []
    for scale_value, scale_word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        count, n = divmod(n, scale_value)
        if count:
            parts.append(f"{_below_thousand_in_words(count)} {scale_word}")
    if n:
        parts.append(_below_thousand_in_words(n))
    return " ".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_number_words_read_back(n):
    assert parse_number_words(_in_words(n)) == n


@FAST
@given(
    st.integers(min_value=2, max_value=10**9).filter(lambda n: not 1800 <= n <= 2100),
    st.sampled_from(
        [("tonnes", "ton"), ("miles", "mile"), ("soldiers", "soldier"), ("per cent", "percentage")]
    ),
)
def test_extracted_value_is_the_written_number(n, unit):
    written, canonical = unit
    doc = analyse(f"The report counted {format_thousands(n)} {written} last month.")
    quantities = doc._.fl_quantities
    assert len(quantities) == 1
    assert quantities[0].value == n
    assert quantities[0].unit == canonical


@FAST
@given(
    st.sampled_from(sorted(glued_currency_symbols().items())),
    st.integers(min_value=10, max_value=10**9).filter(lambda n: not 1800 <= n <= 2100),
)
def test_a_letter_currency_symbol_is_money_glued_to_the_digits_only(symbol_and_code, n):
    symbol, code = symbol_and_code
    glued = analyse(f"The fee was {symbol}{format_thousands(n)} last month.")._.fl_quantities
    assert [(q.value, q.currency) for q in glued] == [(n, code)]
    spaced = analyse(f"The fee was {symbol} {format_thousands(n)} last month.")._.fl_quantities
    assert all(q.currency != code for q in spaced)
