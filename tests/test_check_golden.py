"""Golden cases for `factlint check`: each case is a small corpus and the complete expected findings.

Cases live in ``tests/golden/checks/*.yaml`` (one file per rule family, plus ``traps.yaml``)::

    - id: value-conflict-...
      docs:
        a: "March 2, 2024\\nHeadline\\n\\nBody ..."
        b: "..."
      findings:
        - kind: value-conflict            # or a list of acceptable kinds from one family
          claims:
            - {doc: b, quote: "..."}          # the wrong claim
            - [{doc: a, quote: "..."}, {doc: c, quote: "..."}]   # any source it contradicts
    - id: trap-...
      docs: {...}
      trap:                               # optional: what makes it tempting
        kind: approximation               # eval/dev/README.md trap kinds, or "agreement"
        quotes: [{doc: a, quote: "..."}, {doc: b, quote: "..."}]   # each must be read as a claim
      findings: []                        # nothing may be reported

A quote is an exact substring occurring once in its document; the first quote is the wrong claim.
Any later entry may be a list of quotes, any one of which will do (every source that states the
correct value: pairing the wrong claim with any of them is the same finding, as the scorer has it).
An expected finding is matched by a reported one whose kind is among the expected kinds, whose
claims include the wrong claim (its span overlaps the first quote), and whose claims overlap every
other entry. The number of reported findings must equal the number expected.

Cases factlint does not pass yet are not tests: they are kept with a diagnosis in
``bench/known_gaps/`` and run with the same matcher by pointing this file at them
(``FACTLINT_GOLDEN_DIR=bench/known_gaps``; see bench/README.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from factlint.models import Claim, Finding
from factlint.runner import run_check

CASES_DIR = Path(os.environ.get("FACTLINT_GOLDEN_DIR") or Path(__file__).parent / "golden" / "checks")

TRAP_KINDS = ("different-metric", "different-entity", "different-period", "different-event", "approximation",
              "paraphrase", "forecast-vs-actual", "agreement")
KINDS = ("value-conflict", "scale-slip", "date-conflict", "entity-conflict", "self-contradiction",
         "count-mismatch", "arithmetic")
# As the scorer groups them (eval/dev/README.md): one expected finding may accept several kinds of one family.
FAMILIES = (
    frozenset({"value-conflict", "scale-slip", "date-conflict", "self-contradiction", "arithmetic"}),
    frozenset({"entity-conflict"}),
    frozenset({"count-mismatch"}),
)


@dataclass(frozen=True)
class Quote:
    doc: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class ExpectedFinding:
    kinds: frozenset[str]
    quotes: tuple[tuple[Quote, ...], ...]
    """Each entry is satisfied by any of its quotes; the first entry is the wrong claim (one quote)."""


def load_cases() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append((path.stem, case))
    return cases


CASES = load_cases()


def locate(docs: dict[str, str], doc: str, quote: str) -> Quote:
    assert doc in docs, f"quote names unknown document {doc!r}"
    text = docs[doc]
    count = text.count(quote)
    assert count == 1, f"quote {quote!r} occurs {count} times in document {doc!r} (must be exactly once)"
    start = text.index(quote)
    return Quote(doc, quote, start, start + len(quote))


def read_expected(case: dict) -> list[ExpectedFinding]:
    expected = []
    for item in case["findings"]:
        kinds = frozenset([item["kind"]] if isinstance(item["kind"], str) else item["kind"])
        assert kinds <= set(KINDS), f"unknown kind in {sorted(kinds)}"
        assert any(kinds <= family for family in FAMILIES), f"kinds {sorted(kinds)} span several families"
        assert item["claims"], "an expected finding names at least one claim"
        quotes = tuple(
            tuple(locate(case["docs"], q["doc"], q["quote"]) for q in (entry if isinstance(entry, list) else [entry]))
            for entry in item["claims"]
        )
        assert len(quotes[0]) == 1, "the first entry is the wrong claim: one quote, not a list"
        expected.append(ExpectedFinding(kinds, quotes))
    return expected


def read_trap(case: dict) -> list[Quote]:
    """A passing case may name its trap: the kind and the quotes that look alike. Each quote must be
    read as a claim, so that the case passes because the claims were told apart, not because
    one of them was never extracted."""
    trap = case.get("trap")
    if trap is None:
        return []
    assert not case["findings"], "a trap case expects no findings"
    assert trap["kind"] in TRAP_KINDS, f"unknown trap kind {trap['kind']!r}"
    assert trap["quotes"], "a trap names the quotes that look alike"
    return [locate(case["docs"], q["doc"], q["quote"]) for q in trap["quotes"]]


def overlaps(claim: Claim, quote: Quote) -> bool:
    return claim.doc == quote.doc and claim.start < quote.end and quote.start < claim.end


def matches(finding: Finding, expected: ExpectedFinding, claims: dict[str, Claim]) -> bool:
    if finding.kind not in expected.kinds:
        return False
    mine = [claims[cid] for cid in finding.claims]
    return all(any(overlaps(c, q) for c in mine for q in entry) for entry in expected.quotes)


def assign(findings: list[Finding], expected: list[ExpectedFinding], claims: dict[str, Claim]) -> bool:
    """Whether every expected finding can be matched by a different reported one (small bipartite search)."""
    if not expected:
        return True
    first, rest = expected[0], expected[1:]
    for i, finding in enumerate(findings):
        if matches(finding, first, claims) and assign(findings[:i] + findings[i + 1:], rest, claims):
            return True
    return False


def explain(findings: list[Finding], claims: dict[str, Claim]) -> str:
    if not findings:
        return "  (none)"
    lines = []
    for f in findings:
        lines.append(f"  {f.rule} {f.kind}: {f.message}")
        for cid in f.claims:
            c = claims[cid]
            lines.append(f"      {c.doc}[{c.start}:{c.end}] {c.text!r} metric={c.metric} period="
                         f"{c.period.value if c.period else None} modality={c.modality}")
    return "\n".join(lines)


def test_case_ids_are_unique():
    ids = [case["id"] for _, case in CASES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize(("family", "case"), CASES, ids=[f"{family}:{case['id']}" for family, case in CASES])
def test_check_golden(family: str, case: dict, tmp_path: Path):
    expected = read_expected(case)
    trap_quotes = read_trap(case)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in case["docs"].items():
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")

    run = run_check([seeds], claims_dir=tmp_path / "claims")

    assert not run.result.errors, run.result.errors
    for name, text in case["docs"].items():
        assert run.texts[name] == text, f"document {name!r} was not read as written"
    claims = {c.id: c for c in run.result.claims}
    findings = run.result.findings
    wanted = "\n".join(
        f"  {sorted(e.kinds)}: " + "; ".join(" or ".join(f"{q.doc}: {q.quote!r}" for q in entry) for entry in e.quotes)
        for e in expected
    ) or "  (none)"
    report = f"expected:\n{wanted}\nreported:\n{explain(findings, claims)}"
    if len(findings) != len(expected) or not assign(findings, expected, claims):
        pytest.fail(report, pytrace=False)
    unread = [q for q in trap_quotes if not any(overlaps(c, q) for c in claims.values())]
    if unread:
        pytest.fail("trap quotes not read as claims (the case would pass for the wrong reason): "
                    + "; ".join(f"{q.doc}: {q.quote!r}" for q in unread), pytrace=False)


# ---------------------------------------------------------------- the matcher itself

def _claim(doc: str, start: int, end: int) -> Claim:
    return Claim(id=f"{doc}:{start}", doc=doc, start=start, end=end, line=1, text="x" * (end - start), sentence="",
                 kind="quantity", metric="m")


def _finding(kind: str, *claims: Claim) -> Finding:
    return Finding(id=f"F-{kind}", rule="FL000", kind=kind, message="", claims=[c.id for c in claims])


MATCHER_CASE = {
    "docs": {"a": "The bridge is 12 km long.", "b": "The bridge is 16 km long.", "c": "It is 12 km long."},
    "findings": [{"kind": "value-conflict",
                  "claims": [{"doc": "b", "quote": "16 km"}, [{"doc": "a", "quote": "12 km"}, {"doc": "c", "quote": "12 km"}]]}],
}


def test_matcher_accepts_the_wrong_claim_with_any_listed_source():
    expected = read_expected(MATCHER_CASE)
    wrong, source_a, source_c = _claim("b", 14, 19), _claim("a", 14, 19), _claim("c", 6, 11)
    claims = {c.id: c for c in (wrong, source_a, source_c)}
    assert assign([_finding("value-conflict", wrong, source_c)], expected, claims)
    assert assign([_finding("value-conflict", source_a, wrong)], expected, claims)


def test_matcher_rejects_other_kinds_missing_claims_and_unused_findings():
    expected = read_expected(MATCHER_CASE)
    wrong, source_a, elsewhere = _claim("b", 14, 19), _claim("a", 14, 19), _claim("a", 0, 10)
    claims = {c.id: c for c in (wrong, source_a, elsewhere)}
    assert not assign([_finding("entity-conflict", wrong, source_a)], expected, claims)
    assert not assign([_finding("value-conflict", source_a)], expected, claims)
    assert not assign([_finding("value-conflict", wrong, elsewhere)], expected, claims)
    assert not assign([], expected, claims)
    two = read_expected({**MATCHER_CASE, "findings": MATCHER_CASE["findings"] * 2})
    assert not assign([_finding("value-conflict", wrong, source_a)], two, claims)


def test_case_quotes_must_occur_exactly_once():
    with pytest.raises(AssertionError, match="occurs 2 times"):
        locate({"a": "12 km and 12 km"}, "a", "12 km")
    with pytest.raises(AssertionError, match="occurs 0 times"):
        locate({"a": "12 km"}, "a", "16 km")
