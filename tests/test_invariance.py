"""Rename invariance: renaming every party in a corpus must not change what factlint finds.

The dev corpus (tests/fixtures/dev) is copied with every country, demonym, region, city, facility,
project and company renamed consistently (one-to-one) to other plausible names: the Spanish-French
corridor becomes an Italian-Austrian one (ALPINE). Countries become other real countries, so the
library knowledge factlint may use (pycountry, countryinfo, the spaCy model) is as available for
them as for the originals. Left as they are, because they are the shared frame rather than the
parties: the European Union / EU / Brussels / Europe, the seas (Atlantic, North Sea), months, and
acronyms of units and fuels (LNG, bcm). The two lenders are renamed in parallel (European ... Bank
-> Alpine ... Bank) so that they stay two distinct banks with distinct names.

Names change length, so offsets shift. The renaming records where each replacement sits, and every
claim span of the renamed run is mapped back to the original text's coordinates; the tests then
assert that both runs give the same findings (rule, kind, severity, and the claims they cite at
exactly the same original spans, in the same order) and the same claims (span, kind, value,
modality, period).

Not asserted yet, because they fail today (reported to the integrator): the NORDIC renaming (two
planted entity-conflicts are lost) and identical clusters (under ALPINE the "2.9 million tonnes" of
LNG reloads takes the metric "cargoe" and leaves the cluster it shares with "nearly 3 million
tonnes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from factlint.runner import CheckRun, run_check

DEV = Path(__file__).parent / "fixtures" / "dev"

Renames = dict[str, str]

NORDIC: Renames = {
    # countries, demonyms, regions
    "Spain": "Norway",
    "Spanish": "Norwegian",
    "France": "Denmark",
    "French": "Danish",
    "Portugal": "Finland",
    "Portuguese": "Finnish",
    "Morocco": "Estonia",
    "Dutch": "Belgian",
    "Italian": "Greek",
    "Iberia": "Scandinavia",
    "Iberian": "Scandinavian",
    "Basque": "Rogaland",
    # cities, places, facilities
    "Madrid": "Oslo",
    "Paris": "Copenhagen",
    "Bordeaux": "Aarhus",
    "Bilbao": "Stavanger",
    "Lisbon": "Helsinki",
    "Santurtzi": "Risavika",
    "Le Verdon-sur-Mer": "Hanstholm",
    "Gironde": "Limfjord",
    "Sines": "Porvoo",
    "Alentejo": "Karelia",
    "Zierbena": "Mongstad",
    "Montoir-de-Bretagne": "Fredericia",
    "Montoir": "Fredericia",
    "Loire": "Vejle",
    # projects and organisations
    "Biscay": "Skagen",
    "Redgas Ibérica": "Nordgas Norge",
    "Aquitaine Transport Gaz": "Jylland Transport Gas",
    "European Investment Bank": "Nordic Investment Bank",
    "European Bank for Reconstruction and Development": "Nordic Bank for Reconstruction and Development",
}
"""Not run yet: with these names the check loses two planted entity-conflicts (the metric of
"Norway–Finland gas trade" becomes "norway", and the loan "that the Nordic Bank for Reconstruction
and Development extended" takes its period from a later clause). Add it to RENAMINGS once fixed."""

ALPINE: Renames = {
    **NORDIC,
    "Spain": "Italy",
    "Spanish": "Italian",
    "France": "Austria",
    "French": "Austrian",
    "Portugal": "Slovenia",
    "Portuguese": "Slovenian",
    "Morocco": "Tunisia",
    "Dutch": "Czech",
    "Italian": "Swiss",
    "Iberia": "Italia",
    "Iberian": "Apennine",
    "Basque": "Ligurian",
    "Madrid": "Rome",
    "Paris": "Vienna",
    "Bordeaux": "Graz",
    "Bilbao": "Genoa",
    "Lisbon": "Ljubljana",
    "Biscay": "Adria",
    "European Investment Bank": "Alpine Investment Bank",
    "European Bank for Reconstruction and Development": "Alpine Bank for Reconstruction and Development",
}
"""An Italian-Austrian corridor; the smaller places keep their Nordic replacements."""

RENAMINGS: dict[str, Renames] = {"alpine": ALPINE}


def name_pattern(renames: Renames) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(renames, key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class RenamedText:
    text: str
    replacements: list[tuple[int, int, int, int]]
    """(original start, original end, renamed start, renamed end) of every replaced name, in order."""

    def to_original(self, offset: int, *, is_end: bool) -> int:
        """The original offset of a renamed one; inside a replaced name, the name's start or end."""
        shift = 0
        for orig_start, orig_end, new_start, new_end in self.replacements:
            if offset <= new_start:
                break
            if offset < new_end:
                return orig_end if is_end else orig_start
            shift = orig_end - new_end
        return offset + shift


def rename(text: str, renames: Renames) -> RenamedText:
    """``text`` with every name replaced at once (longest names first, whole words only)."""
    pieces, replacements, position, new_length = [], [], 0, 0
    for match in name_pattern(renames).finditer(text):
        pieces.append(text[position : match.start()])
        new_length += match.start() - position
        replacement = renames[match.group()]
        replacements.append((match.start(), match.end(), new_length, new_length + len(replacement)))
        pieces.append(replacement)
        new_length += len(replacement)
        position = match.end()
    pieces.append(text[position:])
    return RenamedText("".join(pieces), replacements)


# ---------------------------------------------------------------- the renaming itself


def test_renaming_maps_offsets_back():
    original = "Spain and France met in Bordeaux; Spanish gas, French buyers."
    renamed = rename(original, NORDIC)
    assert renamed.text == "Norway and Denmark met in Aarhus; Norwegian gas, Danish buyers."
    for renamed_word, original_word in [("Norwegian gas", "Spanish gas"), ("Aarhus", "Bordeaux"), ("met in", "met in"), ("buyers.", "buyers.")]:
        start = renamed.text.index(renamed_word)
        end = start + len(renamed_word)
        back = original[renamed.to_original(start, is_end=False) : renamed.to_original(end, is_end=True)]
        assert back == original_word
    # An offset inside a name maps to the original name's start (as a span start) or end (as an end).
    inside = renamed.text.index("Aarhus") + 2
    assert renamed.to_original(inside, is_end=False) == original.index("Bordeaux")
    assert renamed.to_original(inside, is_end=True) == original.index("Bordeaux") + len("Bordeaux")


@pytest.mark.parametrize("renames", [NORDIC, *RENAMINGS.values()], ids=["nordic", *RENAMINGS])
def test_every_name_in_the_dev_corpus_is_renamed(renames):
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    renamed = "\n".join(rename(t, renames).text for t in texts)
    for name in renames:
        if name not in renames.values():  # "Italian" is both renamed and a new name in ALPINE
            assert not re.search(rf"\b{re.escape(name)}\b", renamed), name
    assert "Biscay" not in renamed and "Spain" not in renamed and "Iberian" not in renamed


@pytest.mark.parametrize("renames", [NORDIC, *RENAMINGS.values()], ids=["nordic", *RENAMINGS])
def test_renaming_is_one_to_one(renames):
    """Two different names never become one (the short "Montoir" is the same place as its long form)."""
    targets = [new for old, new in renames.items() if old != "Montoir"]
    assert len(set(targets)) == len(targets)


# ---------------------------------------------------------------- the runs


@dataclass(frozen=True)
class Runs:
    original: CheckRun
    renamed: CheckRun
    renamings: dict[str, RenamedText]


@pytest.fixture(scope="module")
def original_run(tmp_path_factory) -> CheckRun:
    return run_check([DEV], claims_dir=tmp_path_factory.mktemp("claims-original"))


@pytest.fixture(scope="module", params=sorted(RENAMINGS))
def runs(request, original_run, tmp_path_factory) -> Runs:
    root = tmp_path_factory.mktemp(f"renamed-{request.param}")
    renamings = {}
    for path in sorted(DEV.glob("*.txt")):
        renamed = rename(path.read_text(encoding="utf-8"), RENAMINGS[request.param])
        renamings[path.stem] = renamed
        (root / "docs").mkdir(exist_ok=True)
        (root / "docs" / path.name).write_text(renamed.text, encoding="utf-8")
    renamed_run = run_check([root / "docs"], claims_dir=root / "claims")
    return Runs(original_run, renamed_run, renamings)


Span = tuple[str, int, int]


def claim_spans(run: CheckRun, renamings: dict[str, RenamedText] | None) -> dict[str, Span]:
    """Claim id -> (doc, start, end) in the original documents' coordinates."""
    spans = {}
    for claim in run.result.claims:
        if renamings is None:
            spans[claim.id] = (claim.doc, claim.start, claim.end)
        else:
            renamed = renamings[claim.doc]
            spans[claim.id] = (
                claim.doc,
                renamed.to_original(claim.start, is_end=False),
                renamed.to_original(claim.end, is_end=True),
            )
    return spans


def findings_in_original_coordinates(run: CheckRun, renamings: dict[str, RenamedText] | None) -> list[tuple]:
    spans = claim_spans(run, renamings)
    return sorted(
        (finding.rule, finding.kind, finding.severity, tuple(spans[c] for c in finding.claims))
        for finding in run.result.findings
    )


def claims_in_original_coordinates(run: CheckRun, renamings: dict[str, RenamedText] | None) -> list[tuple]:
    spans = claim_spans(run, renamings)
    rows = []
    for claim in run.result.claims:
        value = None
        if claim.quantity is not None:
            value = (claim.quantity.value, claim.quantity.low, claim.quantity.high, claim.quantity.unit)
        elif claim.date is not None:
            value = (claim.date.value, claim.date.kind)
        period = claim.period.value if claim.period is not None else None
        rows.append((spans[claim.id], claim.kind, claim.modality, value, period))
    return sorted(rows)


def test_renamed_corpus_has_the_same_findings(runs):
    original = findings_in_original_coordinates(runs.original, None)
    renamed = findings_in_original_coordinates(runs.renamed, runs.renamings)
    assert original, "the dev corpus has planted contradictions"
    assert renamed == original


def test_renamed_corpus_has_the_same_claims(runs):
    assert claims_in_original_coordinates(runs.renamed, runs.renamings) == claims_in_original_coordinates(runs.original, None)
