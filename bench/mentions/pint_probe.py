"""How many units pint knows the quantity reader finds, in five written forms each.

    python bench/mentions/pint_probe.py [--misses]

No corpus: for each unit of a list of everyday and SI units (and SI prefixes of the metric ones) it
writes "12 <plural name>", "1 <name>", "a 12-<name> model", "12 <symbol>" and "12<symbol>" (the
symbol as pint writes it) into a neutral sentence and checks that the reader names that unit. It
measures the mechanism (pint's registry, its symbols, aliases and prefixes), not a data set.
Forms that are ambiguous in news on purpose stay misses: bare one-letter symbols after a space
("12 s", "12 g"), "12K" (thousand), "12 kn" (kuna), durations as compound modifiers ("a 12-day
model", left to the date reader).
"""

from __future__ import annotations

import sys

from factlint.nlp.pipeline import analyse_many, mentions_of
from factlint.nlp.units import britishise, unit_registry
from probe_tally import report

try:
    from factlint.nlp.units import _lexicon_entry_for_pint
except ImportError:  # an older checkout, measured for comparison
    def _lexicon_entry_for_pint() -> dict:
        return {}

BASES = """meter gram liter second watt hertz joule pascal volt ampere byte bit newton ohm farad calorie
tonne mile foot inch yard pound ounce gallon acre hectare kelvin degree_Celsius degree_Fahrenheit
horsepower knot bar atmosphere psi minute hour day week year degree radian turn mole candela
kilometer_per_hour mile_per_hour watt_hour ampere_hour electron_volt barrel cup tablespoon teaspoon
pint quart fluid_ounce nautical_mile light_year angstrom stone carat grain millibar lumen lux tesla
weber henry siemens coulomb gray sievert becquerel decibel""".split()
PREFIXED_BASES = "meter gram liter watt hertz joule pascal volt ampere byte bit newton second".split()
PREFIXES = "kilo mega giga milli micro nano centi tera".split()


def cases() -> list[tuple[str, str, str]]:
    ureg = unit_registry()
    out = []
    for name in BASES + [p + b for b in PREFIXED_BASES for p in PREFIXES]:
        try:
            units = ureg.parse_units(name)
        except Exception:  # noqa: BLE001 - a name this pint version lacks
            continue
        pint_name = next(iter(units._units)) if len(units._units) == 1 else name
        known = _lexicon_entry_for_pint().get(pint_name)  # the lexicon's one name for it ("celsius")
        want = known.unit if known is not None else britishise(pint_name.replace("_", " "))
        spoken = pint_name.replace("_", " ")
        plural = "feet" if pint_name == "foot" else spoken + ("es" if spoken.endswith(("inch", "s")) else "s")
        if spoken.startswith("degree "):
            plural = "degrees " + spoken.split(" ", 1)[1]  # "12 degrees Celsius"
        forms = [("name", f"The part measured 12 {plural} in the test."), ("one", f"It was exactly 1 {spoken} in the test."),
                 ("hyphen", f"They built a 12-{spoken} model.")]
        try:
            symbol = ureg.get_symbol(pint_name)
        except Exception:  # noqa: BLE001
            symbol = None
        if symbol:
            forms += [("symbol", f"The part measured 12 {symbol} in the test."), ("glued", f"The part measured 12{symbol} in the test.")]
        out += [(want, kind, text) for kind, text in forms]
    return out


def _same(found: str, want: str) -> bool:
    return found == want or {found, want} <= {"ton", "metric ton", "tonne"}


def main(argv: list[str]) -> int:
    probe = cases()
    docs = analyse_many([text for _, _, text in probe], doc_date=None)
    results = []
    for (want, kind, text), doc in zip(probe, docs):
        found = [q.unit for q in mentions_of(doc).quantities]
        results.append((kind, any(_same(unit, want) for unit in found), f"want {want!r:30} got {found} | {text}"))
    return report(results, "--misses" in argv, width=7)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
