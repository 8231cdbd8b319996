"""How many written forms of everyday measures the quantity reader names right, without any corpus.

    python bench/mentions/unit_forms_probe.py [--misses]

pint_probe.py writes each pint unit in five plain forms; this probe writes everyday measures
(lengths, masses, volumes, areas, speeds, data sizes, from pint's registry) the other ways news
and detokenised feeds write them: number words ("twelve miles", "two hundred feet", "a dozen
metres"), fractions and mixed numbers, ranges ("3 to 4 miles", "between 3 and 4 miles", "3 - 4
miles"), compound modifiers ("a 12 - mile - long road", "a twelve-mile drive"), abbreviations with
a full stop ("12 ft.", "12 sq. ft."), rates spelled out ("12 miles an hour", "12 km/hr"), powers
spelled out ("12 square miles", "12 cubic feet"), and upper-case symbols ("12 KM", "12 MPH"). Each
sentence is neutral; what counts is that a quantity with the expected value carries the expected
unit (as score.py compares them). It measures mechanisms, not a data set.
"""

from __future__ import annotations

import sys

from factlint.nlp.pipeline import analyse_many, mentions_of
from factlint.nlp.units import _lexicon_entry_for_pint, britishise, unit_registry
from probe_tally import report

# pint names of everyday measures, with the plural news writes
MEASURES = {
    "mile": "miles", "foot": "feet", "inch": "inches", "yard": "yards", "meter": "meters", "kilometer": "kilometers",
    "centimeter": "centimeters", "millimeter": "millimeters", "pound": "pounds", "ounce": "ounces", "kilogram": "kilograms",
    "gram": "grams", "metric_ton": "tonnes", "gallon": "gallons", "liter": "liters", "milliliter": "milliliters",
    "acre": "acres", "hectare": "hectares", "byte": "bytes", "kilobyte": "kilobytes", "megabyte": "megabytes",
    "gigabyte": "gigabytes", "terabyte": "terabytes", "megabit": "megabits",
}
ABBREVIATIONS = {"foot": "ft", "inch": "in", "yard": "yd", "pound": "lb", "ounce": "oz", "mile": "mi", "gallon": "gal"}
SYMBOL_UPPER = {"kilometer": "KM", "kilogram": "KG", "centimeter": "CM", "millimeter": "MM", "milliliter": "ML"}
LENGTHS = ("mile", "foot", "meter", "kilometer", "yard", "inch")
DURATIONS = {"hour": ("an hour", "hr", "h"), "second": ("a second", "sec", "s"), "minute": ("a minute", "min", "min")}


def _name(pint_name: str) -> str:
    known = _lexicon_entry_for_pint().get(pint_name)  # the lexicon's one name for it ("pound-mass")
    if known is not None:
        return known.unit
    name = britishise(pint_name.replace("_", " "))
    return "ton" if name == "metric ton" else name


def cases() -> list[tuple[str, float, str, str]]:
    """(kind, sentence, expected value, expected unit name)."""
    ureg = unit_registry()
    out: list[tuple[str, float, str, str]] = []
    for pint_name, plural in MEASURES.items():
        spoken = pint_name.replace("_", " ") if pint_name != "metric_ton" else "tonne"
        want = _name(pint_name)
        out += [
            ("words", f"The load weighed twelve {plural} in all.", 12, want),
            ("words", f"The load weighed two hundred {plural} in all.", 200, want),
            ("words", f"The load weighed a dozen {plural} in all.", 12, want),
            ("words", f"The load weighed one and a half {plural} in all.", 1.5, want),
            ("fraction", f"The load weighed 2 1/2 {plural} in all.", 2.5, want),
            ("fraction", f"The load weighed 2.5 {plural} in all.", 2.5, want),
            ("fraction", f"The load weighed half a {spoken} in all.", 0.5, want),
            ("range", f"The load weighed 3 to 4 {plural} in all.", 3, want),
            ("range", f"The load weighed between 3 and 4 {plural} in all.", 4, want),
            ("range", f"the load weighed 3 - 4 {plural} in all.", 4, want),
            ("range", f"The load weighed three or four {plural} in all.", 3, want),
            ("modifier", f"they built a 12 - {spoken} - long model.", 12, want),
            ("modifier", f"They built a twelve-{spoken} model.", 12, want),
            ("modifier", f"they built a twelve - {spoken} model.", 12, want),
            ("lower", f"the load weighed 12 {plural} in all .", 12, want),
            ("upper", f"THE LOAD WEIGHED 12 {plural.upper()} IN ALL.", 12, want),
        ]
        if pint_name in LENGTHS or pint_name in ("gallon", "pound", "acre"):
            out += [
                ("detok", f"they built 1, 250 {plural} of it .", 1250, want),
                ("detok", f"they built a 2 - 1/2 - {spoken} model .", 2.5, want),
                ("detok", f"They built a 2-1/2-{spoken} model.", 2.5, want),
                ("detok", f"They built a quarter-{spoken} model.", 0.25, want),
                ("size", f"They built a 4 x 6 {spoken} model.", 4, want),
                ("size", f"They built a 4 by 6 {spoken} model.", 4, want),
            ]
        if pint_name in ABBREVIATIONS:
            abbreviation = ABBREVIATIONS[pint_name]
            out += [
                ("abbrev", f"The part measured 12 {abbreviation}. in the test.", 12, want),
                ("abbrev", f"The part measured 12 {abbreviation}s in the test.", 12, want) if abbreviation not in ("in", "mi") else
                ("abbrev", f"The part measured 12{abbreviation} in the test.", 12, want),
            ]
        if pint_name in SYMBOL_UPPER:
            out.append(("upper", f"The part measured 12 {SYMBOL_UPPER[pint_name]} in the test.", 12, want))
    for length in LENGTHS:
        plural = MEASURES[length]
        name = _name(length)
        symbol = ureg.get_symbol(length)
        out += [
            ("power", f"The site covers 12 square {plural}.", 12, f"square {name}"),
            ("power", f"The tank holds 12 cubic {plural}.", 12, f"cubic {name}"),
            ("power", f"The site covers 12 sq. {symbol}.", 12, f"square {name}"),
            ("power", f"The site covers 12 sq {plural}.", 12, f"square {name}"),
            ("power", f"they built a 300, 000 - square - {length.replace('_', ' ')} plant .", 300000, f"square {name}"),
        ]
        for duration, (spelled, short, letter) in DURATIONS.items():
            out += [
                ("rate", f"The train ran at 12 {plural} {spelled}.", 12, f"{name} per {duration}"),
                ("rate", f"The train ran at 12 {plural} per {duration}.", 12, f"{name} per {duration}"),
                ("rate", f"The train ran at 12 {symbol}/{short}.", 12, f"{name} per {duration}"),
                ("rate", f"The train ran at 12{symbol}/{letter}.", 12, f"{name} per {duration}"),
            ]
    return out


def _same(found: str, want: str) -> bool:
    return found == want or {found, want} <= {"ton", "metric ton", "tonne"}


def main(argv: list[str]) -> int:
    probe = cases()
    docs = analyse_many([text for _, text, _, _ in probe], doc_date=None)
    results = []
    for (kind, text, value, want), doc in zip(probe, docs):
        found = [(q.value, q.low, q.high, q.unit) for q in mentions_of(doc).quantities]
        right = any(_same(unit, want) and value in (v, lo, hi) for v, lo, hi, unit in found)
        results.append((kind, right, f"want {value:g} {want!r:26} got {[(v, u) for v, _, _, u in found]} | {text}"))
    return report(results, "--misses" in argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
