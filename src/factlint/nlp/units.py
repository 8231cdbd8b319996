"""Units of measure and currencies: the lexicon of written forms, pint, and comparison keys.

Written forms come from two data files:

* ``patterns/units.jsonl`` — one unit per line: canonical name (plain English, singular, British
  spelling), dimension, pint expression, the forms written after a number, which of them are
  case-sensitive (``"case"``) or only valid glued to the digits (``"attached"``: "45g", "5h"), and an
  optional ``scale`` for forms that carry one ("3 bcm" is 3e9 cubic metres).
* ``patterns/units_currency.json`` — currency symbols and codes written before or after the number,
  currency names ("euros", "Australian dollars") and the few unit names that differ from
  pycountry's currency name.

Words missing from the lexicon are looked up in pint (``unit_from_pint``), restricted to physical
dimensions so that everyday nouns pint happens to know ("hand", "league", "point") stay counts.

For the checker, :func:`to_base_units` turns (value, unit) into a magnitude in a base unit plus a key
naming what may be compared with it: "193 mile" and "310 kilometre" share the key "[length]";
money compares only within one currency ("currency:USD"); counts only with the same noun
("count:warship").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import pint
import pycountry
from pint.errors import PintError


@dataclass(frozen=True)
class UnitEntry:
    unit: str
    dimension: str
    pint: str | None
    scale: float = 1.0
    currency: str | None = None


@dataclass(frozen=True)
class UnitMatch:
    entry: UnitEntry
    end: int
    """Offset just after the unit in the text that was searched."""


def _read_pattern(name: str) -> str:
    return resources.files("factlint.nlp").joinpath(f"patterns/{name}").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def currency_data() -> dict:
    return json.loads(_read_pattern("units_currency.json"))


@cache
def currency_unit_name(code: str) -> str:
    """Plain-English unit name of an ISO 4217 code: "USD" -> "dollar", "AUD" -> "australian dollar"."""
    override = currency_data()["unit_names"].get(code)
    if override:
        return override
    currency = pycountry.currencies.get(alpha_3=code)
    return currency.name.lower() if currency else code.lower()


@cache
def is_currency_code(code: str) -> bool:
    return len(code) == 3 and code.isupper() and pycountry.currencies.get(alpha_3=code) is not None


# Three-letter codes that are also everyday upper-case words: never read as currency codes.
CODE_STOPWORDS = frozenset({"ALL", "TOP", "CUP", "MOP", "BOB", "PEN", "SOS", "STD", "MAD", "LAK", "FOK"})


def currency_entry(code: str) -> UnitEntry:
    return UnitEntry(unit=currency_unit_name(code), dimension="currency", pint=None, currency=code)


# ---------------------------------------------------------------- the lexicon after a number


@dataclass(frozen=True)
class _Form:
    text: str
    case_sensitive: bool
    attached_only: bool
    entry: UnitEntry
    lowered: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lowered", self.text.lower())


_LONGEST_FORM = 64


@lru_cache(maxsize=1)
def _unit_forms() -> tuple[_Form, ...]:
    forms: list[_Form] = []
    for line in _read_pattern("units.jsonl").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        entry = UnitEntry(raw["unit"], raw["dimension"], raw.get("pint"), float(raw.get("scale", 1.0)))
        for text in raw["forms"]:
            forms.append(_Form(text, text in raw.get("case", []), text in raw.get("attached", []), entry))
    data = currency_data()
    for name, code in data["names"].items():
        entry = currency_entry(code)
        for text in {name, name + "s", name + "es"}:
            forms.append(_Form(text, False, False, entry))
    for text, code in data["after"].items():
        forms.append(_Form(text, True, False, currency_entry(code)))
    # Two-word pycountry names ("danish krone", "hong kong dollar") are safe to match as written;
    # single words may be ordinary English words.
    for currency in pycountry.currencies:
        name = currency.name.lower()
        if " " in name:
            entry = currency_entry(currency.alpha_3)
            forms.append(_Form(name, False, False, entry))
            forms.append(_Form(name + "s", False, False, entry))
    for text, minor in data["minor_units"].items():
        entry = UnitEntry(minor["unit"], "currency", None, currency=minor["currency"])
        forms.append(_Form(text, text == "p", False, entry))
    return tuple(sorted(forms, key=lambda f: -len(f.text)))


@lru_cache(maxsize=1)
def _forms_by_first_char() -> dict[str, tuple[_Form, ...]]:
    """The lexicon forms grouped by their lower-cased first character, longest first."""
    groups: dict[str, list[_Form]] = {}
    for form in _unit_forms():
        groups.setdefault(form.lowered[:1], []).append(form)
    return {first: tuple(forms) for first, forms in groups.items()}


def _ends_cleanly(text: str, end: int, form: str) -> bool:
    """A form that ends in a letter or digit must not run on into another word ("m" in "mph")."""
    if not form[-1].isalnum():
        return end >= len(text) or not (form in ("′", "″", '"') and text[end].isalpha())
    return end >= len(text) or not text[end].isalnum()


def ambiguous_currency_names() -> frozenset[str]:
    """Money names that are ordinary English words too ("won", "real"): currency only after a scale
    word ("500 billion won")."""
    return frozenset(currency_data()["ambiguous_names"])


def match_unit_after(text: str, pos: int, *, attached: bool) -> UnitMatch | None:
    """The longest lexicon unit starting at ``text[pos]``.

    ``attached`` says whether the unit is glued to the digits; forms marked ``attached`` ("g", "h",
    "in") are accepted only then.
    """
    window = text[pos : pos + _LONGEST_FORM]
    lowered = window.lower()
    for form in _forms_by_first_char().get(lowered[:1], ()):
        n = len(form.text)
        if form.case_sensitive:
            if window[:n] != form.text:
                continue
        elif lowered[:n] != form.lowered:
            continue
        if form.attached_only and not attached:
            continue
        if not _ends_cleanly(text, pos + n, form.text):
            continue
        return UnitMatch(form.entry, pos + n)
    return None


# ---------------------------------------------------------------- pint


@lru_cache(maxsize=1)
def unit_registry() -> pint.UnitRegistry:
    return pint.UnitRegistry(cache_folder=None)


# What pint raises for a word or expression it cannot read (undefined unit, bad syntax, offset units).
_PINT_ERRORS = (PintError, ValueError, TypeError, AttributeError)


# Dimensions a word may have to be read as a unit through pint (physical measures only), each
# named after a reference unit.
_REFERENCE_UNITS = {
    "length": "meter",
    "mass": "kilogram",
    "duration": "second",
    "area": "meter ** 2",
    "volume": "meter ** 3",
    "temperature": "kelvin",
    "current": "ampere",
    "speed": "meter / second",
    "pressure": "pascal",
    "power": "watt",
    "energy": "joule",
    "force": "newton",
    "frequency": "hertz",
    "charge": "coulomb",
    "voltage": "volt",
    "capacitance": "farad",
    "resistance": "ohm",
    "substance": "mole",
    "luminosity": "candela",
    "acceleration": "meter / second ** 2",
    "density": "kilogram / meter ** 3",
    "torque": "newton * meter",
}


@lru_cache(maxsize=1)
def _pint_dimensions() -> dict[str, str]:
    ureg = unit_registry()
    dimensions = {}
    for name, reference in _REFERENCE_UNITS.items():
        dimensions.setdefault(str(ureg.parse_expression(reference).dimensionality), name)
    return dimensions


@lru_cache(maxsize=1)
def _pint_false_friends() -> frozenset[str]:
    """Everyday nouns that pint also knows as units ("hand", "league", "point"): counted things in news."""
    return frozenset(json.loads(_read_pattern("units_pint.json"))["false_friends"])


def _pint_base(value: float, expression: str) -> tuple[float, str] | None:
    """(magnitude in SI base units, dimensionality) of ``value`` ``expression`` through pint."""
    ureg = unit_registry()
    try:
        base = ureg.Quantity(value, ureg.parse_expression(expression).units).to_base_units()
    except _PINT_ERRORS:
        return None
    return float(base.magnitude), str(base.dimensionality)


def britishise(name: str) -> str:
    return name.replace("meter", "metre").replace("liter", "litre")


@lru_cache(maxsize=4096)
def unit_from_pint(word: str) -> UnitEntry | None:
    """A unit for ``word`` through pint (e.g. "gigapascals" -> gigapascal, pressure), or None."""
    if len(word) < 3 or not word.isalpha() or word.lower() in _pint_false_friends():
        return None
    try:
        units = unit_registry().parse_units(word)
    except _PINT_ERRORS:
        return None
    dimension = _pint_dimensions().get(str(units.dimensionality))
    if dimension is None or len(units._units) != 1:
        return None
    (pint_name,) = units._units.keys()
    stem = word.lower().rstrip("s")
    if not (pint_name.lower().startswith(stem) or word.lower().startswith(pint_name.lower())):
        return None  # pint reads "has" as hectares: accept only a word that spells the unit
    name = britishise(pint_name.replace("_", " "))
    if name == "metric ton":
        name = "ton"
    return UnitEntry(unit=name, dimension=dimension, pint=pint_name)


# ---------------------------------------------------------------- dimensions and base units


@lru_cache(maxsize=1)
def _entries_by_unit() -> dict[str, UnitEntry]:
    by_unit: dict[str, UnitEntry] = {}
    for form in _unit_forms():
        if form.entry.scale == 1.0:
            by_unit.setdefault(form.entry.unit, form.entry)
    for form in _unit_forms():
        by_unit.setdefault(form.entry.unit, UnitEntry(form.entry.unit, form.entry.dimension, form.entry.pint))
    return by_unit


@lru_cache(maxsize=1)
def _currency_by_unit_name() -> dict[str, str]:
    by_name = {currency_unit_name(c.alpha_3): c.alpha_3 for c in pycountry.currencies}
    by_name.update({name: code for name, code in currency_data()["unit_names"].items()})
    by_name.update({currency_unit_name(code): code for code in currency_data()["unit_names"]})
    return by_name


_TIME_UNITS = {
    "second",
    "minute",
    "hour",
    "day",
    "night",
    "week",
    "month",
    "quarter",
    "year",
    "decade",
    "century",
}


def _split_rate(unit: str) -> tuple[str, str | None]:
    head, sep, per = unit.partition(" per ")
    return (head, per) if sep else (unit, None)


FRACTION_OF = "fraction of "
"""Unit prefix of a share of something: "a quarter of the budget" -> "fraction of budget"."""


def dimension_of(unit: str) -> str:
    """The dimension of a canonical unit name: "kilometre" -> "length", "dollar" -> "currency",
    "cubic metre per year" -> "volume/time", "warship" -> "count", "fraction of budget" ->
    "fraction", "" -> "number"."""
    if not unit:
        return "number"
    if unit.startswith(FRACTION_OF):
        return "fraction"
    head, per = _split_rate(unit)
    head_dimension = _simple_dimension(head)
    if per is None:
        return head_dimension
    per_dimension = "time" if per in _TIME_UNITS else _simple_dimension(per)
    if per_dimension == "count":
        return head_dimension
    return f"{head_dimension}/{per_dimension}"


def _simple_dimension(unit: str) -> str:
    entry = _entries_by_unit().get(unit)
    if entry is not None:
        return entry.dimension
    if unit in _currency_by_unit_name():
        return "currency"
    pint_entry = unit_from_pint(unit.replace(" ", "_"))
    if pint_entry is not None:
        return pint_entry.dimension
    return "count"


def _pint_expression(unit: str) -> str | None:
    """A pint expression for a canonical unit name ("cubic kilometre" -> "kilometer ** 3")."""
    entry = _entries_by_unit().get(unit)
    if entry is not None:
        return entry.pint
    name = unit.replace("metre", "meter").replace("litre", "liter")
    power = ""
    for word, exponent in (("cubic ", " ** 3"), ("square ", " ** 2")):
        if name.startswith(word):
            name, power = name[len(word) :], exponent
    simple = _entries_by_unit().get(britishise(name))
    if simple is not None and simple.pint and power:
        return f"({simple.pint}){power}"
    pint_entry = unit_from_pint(name.replace(" ", "_"))
    if pint_entry is None:
        return None
    return f"{pint_entry.pint}{power}"


# Non-pint units with a fixed relation to another: (factor, base unit name).
_LINEAR_UNITS = {
    "percentage": (1.0, "percentage"),
    "percentage point": (1.0, "percentage point"),
    "basis point": (0.01, "percentage point"),
    "parts per million": (1.0, "parts per million"),
    "parts per billion": (1e-3, "parts per million"),
    "cent": (0.01, None),
    "penny": (0.01, None),
    "sen": (0.01, None),
    "kopeck": (0.01, None),
    "paise": (0.01, None),
}


def _base_of_simple(value: float, unit: str) -> tuple[float, str] | None:
    if unit.startswith(FRACTION_OF):
        return value, f"fraction:{unit[len(FRACTION_OF) :]}"
    if unit in _LINEAR_UNITS:
        factor, base = _LINEAR_UNITS[unit]
        if base is None:  # a minor currency unit: compare with its major unit when we know it
            code = next(
                (m["currency"] for m in currency_data()["minor_units"].values() if m["unit"] == unit), None
            )
            return (value * factor, f"currency:{code}") if code else (value, f"currency-minor:{unit}")
        return value * factor, base
    code = _currency_by_unit_name().get(unit)
    if code:
        return value, f"currency:{code}"
    dimension = _simple_dimension(unit)
    if dimension == "age":
        pint_name = _pint_expression(unit)
        magnitude = unit_registry().Quantity(value, pint_name).to("year").magnitude
        return float(magnitude), "age"
    expression = _pint_expression(unit)
    if expression is not None:
        return _pint_base(value, expression)
    if dimension == "count":
        return value, f"count:{unit}"
    return value, unit


@lru_cache(maxsize=16384)  # pint's parsing dominates clustering otherwise; arguments are plain values
def to_base_units(value: float, unit: str) -> tuple[float, str] | None:
    """(magnitude in a base unit, comparison key) for a canonical unit name.

    Two quantities are comparable only when their keys are equal:

    >>> to_base_units(193, "mile")[1] == to_base_units(310, "kilometre")[1]
    True
    >>> to_base_units(5, "dollar")[1] == to_base_units(5, "euro")[1]
    False

    Rates divide: "barrel per day" -> key "[length] ** 3 / [time]"-like. Temperatures are
    converted as absolute values. Returns None when the unit cannot be interpreted.
    """
    if value is None:
        return None
    if not unit:
        return float(value), "number"
    head, per = _split_rate(unit)
    if per is None:
        return _base_of_simple(float(value), unit)
    expression = _pint_expression(unit)
    head_expression, per_expression = _pint_expression(head), _pint_expression(per)
    if expression is None and head_expression and per_expression:
        expression = f"({head_expression}) / ({per_expression})"
    base = _pint_base(float(value), expression) if expression is not None else None
    if base is not None:
        return base
    head_base = _base_of_simple(float(value), head)
    per_base = _base_of_simple(1.0, per)
    if head_base is None or per_base is None:
        return None
    return head_base[0] / per_base[0], f"{head_base[1]} per {per_base[1]}"
