"""How many ways of writing a temperature or an age the quantity reader names right, without any corpus.

    python bench/mentions/temperature_age_probe.py [--misses]

Each temperature scale of the lexicon (``patterns/units.jsonl``, dimension temperature) is written
after a number the ways people write it: its name after "degrees"/"degree"/"deg"/"deg.", its name
alone, its letter glued, spaced and after "°"/"º", lower- and upper-case, negative with a sign,
with "minus" and "below zero", and spelt one letter off. Each unit of time of
``quantity_words.yaml`` makes ages: "N units old", "an N-unit-old", "N-unit-olds", "aged N",
"N units of age". It measures mechanisms, not a data set.
"""

from __future__ import annotations

import sys

from factlint.nlp.numbers import number_words
from factlint.nlp.pipeline import analyse_many, mentions_of
from probe_tally import report

SCALES = {"celsius": ("Celsius", "C"), "fahrenheit": ("Fahrenheit", "F")}


def cases() -> list[tuple[str, str, float, str]]:
    """(kind, sentence, expected value, expected unit)."""
    out: list[tuple[str, str, float, str]] = []
    for unit, (name, letter) in SCALES.items():
        misspelt = name[:3] + name[4:]  # one letter dropped
        out += [
            ("name", f"It was 30 degrees {name} at noon.", 30, unit),
            ("name", f"it was 30 degrees {name.lower()} at noon.", 30, unit),
            ("name", f"It was 30 degree {name} at noon.", 30, unit),
            ("name", f"It was 30 deg {name} at noon.", 30, unit),
            ("name", f"It was 30 {name} at noon.", 30, unit),
            ("letter", f"It was 30{letter} at noon.", 30, unit),
            ("letter", f"It was 30 {letter} at noon.", 30, unit),
            ("letter", f"It was 30°{letter} at noon.", 30, unit),
            ("letter", f"It was 30 °{letter} at noon.", 30, unit),
            ("letter", f"It was 30º{letter} at noon.", 30, unit),
            ("letter", f"It was 30 degrees {letter} at noon.", 30, unit),
            ("letter", f"it was 30 deg. {letter.lower()} at noon.", 30, unit),
            ("letter", f"it was 30{letter.lower()} at noon.", 30, unit),
            ("sign", f"It was -5 degrees {name} at noon.", -5, unit),
            ("sign", f"It was minus 5 degrees {name} at noon.", -5, unit),
            ("sign", f"It was -5°{letter} at noon.", -5, unit),
            ("sign", f"It was 5 degrees {name} below zero at noon.", -5, unit),
            ("spelling", f"It was 30 degrees {misspelt} at noon.", 30, unit),
            ("range", f"It was 20 to 25 degrees {name} at noon.", 20, unit),
            ("range", f"It was between 20 and 25 °{letter} at noon.", 25, unit),
        ]
    for time_unit in number_words()["time_units"]:
        if time_unit in ("night", "quarter", "decade", "century"):
            continue  # not how ages are given
        plural = f"{time_unit}s"
        want = f"{time_unit} of age"
        out += [
            ("age", f"The child is 3 {plural} old.", 3, want),
            ("age", f"They saw a 3-{time_unit}-old child.", 3, want),
            ("age", f"The class is full of 3-{time_unit}-olds.", 3, want),
            ("age", f"The child is 3 {plural} of age.", 3, want),
        ]
    out += [
        ("age", "The man died aged 87.", 87, "year of age"),
        ("age", "At the age of 12, he left home.", 12, "year of age"),
        ("age", "The man, 43, was arrested.", 43, "year of age"),
        ("age", "She turned 40 last week.", 40, "year of age"),
        ("age", "He will be 35 next year.", 35, "year of age"),
    ]
    return out


def main(argv: list[str]) -> int:
    probe = cases()
    docs = analyse_many([text for _, text, _, _ in probe], doc_date=None)
    results = []
    for (kind, text, value, want), doc in zip(probe, docs):
        found = [(q.value, q.low, q.high, q.unit) for q in mentions_of(doc).quantities]
        right = any(unit == want and value in (v, lo, hi) for v, lo, hi, unit in found)
        results.append((kind, right, f"want {value:g} {want!r:18} got {[(v, u) for v, _, _, u in found]} | {text}"))
    return report(results, "--misses" in argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
