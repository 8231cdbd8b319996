"""Country lookup: every surface form that names a country, mapped to ISO 3166 alpha-3.

The tables are built once from libraries, not written by hand:

- pycountry: ISO names, official names and common names ("Russian Federation", "Viet Nam");
- countryinfo: the everyday English name, alternative spellings, the demonym and the capital of
  every country ("Russia", "Russian", "Moscow");
- ``patterns/countries.yaml``: a small generic file of abbreviations and exonyms the libraries lack
  ("US", "U.S.", "Britain", "Kyiv") and the combining forms of hyphenated pairs ("Sino", "Franco").

Forms are matched as written (case-sensitive), so "turkey" and "china" are not countries. When one
form belongs to several countries (the demonym "Chinese" for China, Hong Kong and Macau; the capital
"Kingston"), the country with the largest population keeps it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import pycountry
import yaml
from countryinfo import CountryInfo

FormKind = Literal["name", "demonym", "capital"]

# When one surface form is several kinds, the earlier kind wins ("Djibouti" is a name, not a capital).
KIND_PRIORITY: dict[FormKind, int] = {"name": 0, "demonym": 1, "capital": 2}


@dataclass(frozen=True)
class CountryForm:
    """One way of writing a country: ``alpha3`` is the ISO 3166 code, ``kind`` what the form is."""

    alpha3: str
    kind: FormKind


@dataclass(frozen=True)
class CountryLexicon:
    forms: dict[str, CountryForm]
    """Surface form as written -> country."""
    combining_forms: dict[str, str]
    """Lower-cased combining form ("sino") -> alpha-3."""
    max_tokens: int
    """Longest form in whitespace-separated words, to bound the lookup window."""
    first_words: frozenset[str]
    """What a form can start with, up to the first space, hyphen or apostrophe ("Guinea", "U.S.")."""


def ascii_fold(text: str) -> str:
    """Strip accents: "Côte d'Ivoire" -> "Cote d'Ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _name_variants(name: str) -> set[str]:
    """A name without a leading "the", plus the forms news text uses: ascii-folded, ’ for '."""
    name = " ".join(name.split())
    if name.lower().startswith("the "):
        name = name[4:]  # "the" stays outside the mention, as for every other name
    variants = {name}
    for variant in list(variants):
        variants.add(ascii_fold(variant))
        variants.add(variant.replace("'", "\u2019"))
    return {variant for variant in variants if variant}


def _demonym_variants(demonym: str) -> set[str]:
    """Singular and plural: "Russian" -> {"Russian", "Russians"}; "Chinese", "Dutch", "Swiss" take no
    plural -s."""
    variants = {demonym}
    if not demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
        variants.add(demonym + "s")
    return variants


def _is_latin_name(text: str) -> bool:
    """Keep alternative spellings an English text may use; drop codes and other scripts."""
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 3 or text.isupper():
        return False
    return all(ascii_fold(char).isascii() for char in letters)


def _load_yaml_forms() -> dict:
    path = resources.files("factlint.nlp").joinpath("patterns/countries.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _countryinfo_by_alpha3() -> dict[str, dict]:
    """The main countryinfo record of each ISO country (the most populous one sharing the code,
    so that e.g. "Wales", filed under GBR, does not stand for the United Kingdom)."""
    best: dict[str, dict] = {}
    for record in CountryInfo.all().values():
        alpha3 = (record.get("ISO") or {}).get("alpha3")
        if not alpha3:
            continue
        current = best.get(alpha3)
        if current is None or (record.get("population") or 0) > (current.get("population") or 0):
            best[alpha3] = record
    return best


def _split_list(value) -> list[str]:
    """countryinfo fields hold a string, a list, or "A,B" / "A/B" for several values."""
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    parts: list[str] = []
    for item in items:
        for piece in str(item).replace("/", ",").split(","):
            if piece.strip():
                parts.append(piece.strip())
    return parts


@lru_cache(maxsize=1)
def country_lexicon() -> CountryLexicon:
    """Build the lookup tables once per process (about 30 ms)."""
    population: dict[str, int] = {}
    candidates: dict[str, list[CountryForm]] = {}

    def add(form: str, alpha3: str, kind: FormKind) -> None:
        candidates.setdefault(form, []).append(CountryForm(alpha3, kind))

    info = _countryinfo_by_alpha3()
    for country in pycountry.countries:
        alpha3 = country.alpha_3
        record = info.get(alpha3, {})
        population[alpha3] = record.get("population") or 0
        names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        names += [record.get("name")] + [
            alt for alt in record.get("altSpellings") or [] if _is_latin_name(alt)
        ]
        for name in names:
            # "Korea, Republic of" is a catalogue inversion, not how text writes it.
            if name and "," not in name and "(" not in name:
                for variant in _name_variants(name):
                    add(variant, alpha3, "name")
        for demonym in _split_list(record.get("demonym")):
            for variant in _demonym_variants(demonym):
                add(variant, alpha3, "demonym")
        for capital in _split_list(record.get("capital")):
            # Capitals are not ascii-folded: "Malé" folded would be the English word "Male".
            add(capital, alpha3, "capital")

    extra = _load_yaml_forms()
    for kind, section in (("name", "names"), ("demonym", "demonyms"), ("capital", "capitals")):
        for form, alpha3 in (extra.get(section) or {}).items():
            for variant in _name_variants(str(form)) if kind == "name" else {str(form)}:
                add(variant, alpha3, kind)  # type: ignore[arg-type]

    forms = {
        form: min(options, key=lambda option: (KIND_PRIORITY[option.kind], -population.get(option.alpha3, 0)))
        for form, options in candidates.items()
    }
    combining = {str(form).lower(): alpha3 for form, alpha3 in (extra.get("combining_forms") or {}).items()}
    max_tokens = max(len(form.split()) for form in forms)
    first_words = frozenset(first_word(form) for form in forms)
    return CountryLexicon(
        forms=forms, combining_forms=combining, max_tokens=max_tokens, first_words=first_words
    )


def first_word(text: str) -> str:
    """The first word of a form: "Guinea-Bissau" -> "Guinea", "Côte d'Ivoire" -> "Côte", "U.S." -> "U.S."."""
    return re.split(r"[\s\-\u2013'\u2019]", text, maxsplit=1)[0]


def lookup_country(text: str) -> CountryForm | None:
    """The country a name, alias, demonym or capital stands for, matched exactly as written."""
    return country_lexicon().forms.get(" ".join(text.split()))


def combining_form_country(text: str) -> str | None:
    """The country of a combining form of a hyphenated pair, any case: "Sino" -> "CHN"."""
    return country_lexicon().combining_forms.get(text.lower())


def country_name(alpha3: str) -> str:
    """The everyday name of an ISO alpha-3 code ("RUS" -> "Russia"), for messages."""
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return alpha3
    return getattr(country, "common_name", None) or country.name
