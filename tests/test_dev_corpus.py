"""Accuracy regression on the dev corpus (tests/fixtures/dev, a copy of eval/dev/energy-corridor).

`factlint check tests/fixtures/dev --format json` is run once, as a real subprocess, and its report
is scored against gold.json by the matcher below, which implements "How score.py uses the file" in
eval/dev/README.md:

- a tool finding matches a gold finding when its kind is in the gold kind's family (value, scale,
  date, self-contradiction and arithmetic are one family; entity-conflict and count-mismatch are
  each their own; a kind outside DESIGN.md's vocabulary is accepted), one of its claims overlaps the
  first gold quote (the wrong claim) and, for gold findings with two or more quotes, another of its
  claims overlaps another quote or a member of a gold cluster holding one of them;
- must-recall = matched ``must`` findings / ``must`` findings; precision = tool findings matching
  some gold finding / all tool findings;
- a trap hit is a tool finding matching no gold finding whose claims overlap two quotes of one trap;
- a gold cluster is recovered when one tool cluster's claims overlap two of its members.

The matcher was checked to print the same figures as ``eval/score.py findings`` on the same report.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DEV = Path(__file__).parent / "fixtures" / "dev"
FACTLINT = Path(sys.executable).with_name("factlint")

FAMILIES = (
    frozenset({"value-conflict", "scale-slip", "date-conflict", "self-contradiction", "arithmetic"}),
    frozenset({"entity-conflict"}),
    frozenset({"count-mismatch"}),
)
KNOWN_KINDS = frozenset().union(*FAMILIES)

Span = tuple[str, int, int]
"""(document id, start, end) of a claim or a gold quote."""


# ---------------------------------------------------------------- the matcher


def compatible(gold_kind: str, tool_kind: str | None) -> bool:
    if tool_kind not in KNOWN_KINDS:
        return True
    return any(gold_kind in family and tool_kind in family for family in FAMILIES)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


@dataclass(frozen=True)
class Score:
    must_recall: float
    precision: float
    trap_hits: list[str]
    clusters_recovered: float
    missed: list[str]
    extra: list[str]


class GoldScorer:
    def __init__(self, gold: dict, texts: dict[str, str]):
        self.gold = gold
        self.texts = texts

    def quote_span(self, evidence: dict) -> Span:
        text = self.texts[evidence["doc"]]
        start = text.find(evidence["quote"])
        assert start >= 0, f"gold quote not in {evidence['doc']}: {evidence['quote']!r}"
        return evidence["doc"], start, start + len(evidence["quote"])

    def partner_spans(self, gold_finding: dict) -> list[Span]:
        """Quotes the wrong claim may be paired with: the other evidence, and every member of a
        gold cluster holding one of them, except the wrong quote itself."""
        wrong = self.quote_span(gold_finding["evidence"][0])
        rest = [self.quote_span(e) for e in gold_finding["evidence"][1:]]
        partners = list(rest)
        for cluster in self.gold.get("clusters", []):
            members = [self.quote_span(m) for m in cluster["members"]]
            if any(overlaps(m, r) for m in members for r in rest):
                partners += [m for m in members if not overlaps(m, wrong)]
        return partners

    def matches(self, gold_finding: dict, finding: dict, claim_spans: dict[str, Span]) -> bool:
        if not compatible(gold_finding["kind"], finding.get("kind")):
            return False
        spans = [claim_spans[c] for c in finding.get("claims", []) if c in claim_spans]
        wrong = self.quote_span(gold_finding["evidence"][0])
        wrong_claims = [i for i, span in enumerate(spans) if overlaps(span, wrong)]
        if not wrong_claims:
            return False
        if len(gold_finding["evidence"]) == 1:
            return True
        partners = self.partner_spans(gold_finding)
        return any(
            overlaps(span, partner)
            for i, span in enumerate(spans)
            for partner in partners
            if i not in wrong_claims or len(wrong_claims) > 1
        )

    def covered(self, quotes: list[dict], claim_ids: list[str], claim_spans: dict[str, Span]) -> int:
        spans = [claim_spans[c] for c in claim_ids if c in claim_spans]
        return sum(1 for q in quotes if any(overlaps(s, self.quote_span(q)) for s in spans))

    def score(self, report: dict) -> Score:
        claim_spans = {c["id"]: (c["doc"], c["start"], c["end"]) for c in report.get("claims", [])}
        findings = report.get("findings", [])
        matched: set[int] = set()
        missed = []
        must_total = must_found = 0
        for gold_finding in self.gold["findings"]:
            hits = {i for i, f in enumerate(findings) if self.matches(gold_finding, f, claim_spans)}
            matched |= hits
            must = gold_finding.get("must", True)
            must_total += must
            must_found += must and bool(hits)
            if not hits:
                missed.append(gold_finding["id"])
        trap_hits = [
            f"{trap['id']}:{findings[i]['id']}"
            for trap in self.gold.get("traps", [])
            for i in range(len(findings))
            if i not in matched and self.covered(trap["evidence"], findings[i].get("claims", []), claim_spans) >= 2
        ]
        gold_clusters = self.gold.get("clusters", [])
        recovered = sum(
            1
            for gold_cluster in gold_clusters
            if any(self.covered(gold_cluster["members"], c.get("claims", []), claim_spans) >= 2 for c in report.get("clusters", []))
        )
        return Score(
            must_recall=must_found / must_total if must_total else 1.0,
            precision=len(matched) / len(findings) if findings else 1.0,
            trap_hits=trap_hits,
            clusters_recovered=recovered / len(gold_clusters) if gold_clusters else 1.0,
            missed=missed,
            extra=[f"{f['rule']} {f['kind']}: {f['message'][:120]}" for i, f in enumerate(findings) if i not in matched],
        )


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads((DEV / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def dev_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))}


@pytest.fixture(scope="session")
def scorer(gold, dev_texts) -> GoldScorer:
    return GoldScorer(gold, dev_texts)


@pytest.fixture(scope="session")
def dev_report(tmp_path_factory) -> dict:
    """`factlint check tests/fixtures/dev --format json`, run once as a real command."""
    claims_dir = tmp_path_factory.mktemp("dev-claims")
    completed = subprocess.run(
        [str(FACTLINT), "check", str(DEV), "--format", "json", "--claims-dir", str(claims_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # An uncaught exception also exits 1, so the traceback is looked for too.
    assert completed.returncode in (0, 1) and "Traceback" not in completed.stderr, completed.stderr
    return json.loads(completed.stdout)


# ---------------------------------------------------------------- the matcher can fail


def report_from_quotes(scorer: GoldScorer, findings: list[tuple[str, list[dict]]], clusters: list[list[dict]] = ()) -> dict:
    """A hand-made report whose claims sit exactly on the given gold quotes."""
    claims, findings_out, clusters_out = {}, [], []

    def claim_id(evidence: dict) -> str:
        doc, start, end = scorer.quote_span(evidence)
        cid = f"{doc}:{start}"
        claims[cid] = {"id": cid, "doc": doc, "start": start, "end": end}
        return cid

    for n, (kind, evidence) in enumerate(findings):
        findings_out.append({"id": f"F{n}", "rule": "FL000", "kind": kind, "message": "", "claims": [claim_id(e) for e in evidence]})
    for n, members in enumerate(clusters):
        clusters_out.append({"id": f"K{n}", "claims": [claim_id(m) for m in members]})
    return {"claims": list(claims.values()), "findings": findings_out, "clusters": clusters_out}


def test_matcher_gives_full_marks_to_the_gold_itself(scorer, gold):
    report = report_from_quotes(
        scorer,
        [(g["kind"], g["evidence"]) for g in gold["findings"]],
        [c["members"] for c in gold["clusters"]],
    )
    score = scorer.score(report)
    assert (score.must_recall, score.precision, score.clusters_recovered, score.trap_hits) == (1.0, 1.0, 1.0, [])


def test_matcher_counts_wrong_kinds_missing_partners_and_traps(scorer, gold):
    entity_conflict = next(g for g in gold["findings"] if g["kind"] == "entity-conflict")
    two_quote_finding = next(g for g in gold["findings"] if len(g["evidence"]) == 2 and g["kind"] == "value-conflict")
    trap = gold["traps"][0]
    report = report_from_quotes(
        scorer,
        [
            ("value-conflict", entity_conflict["evidence"]),  # wrong family
            (two_quote_finding["kind"], two_quote_finding["evidence"][:1]),  # wrong claim without a partner
            ("value-conflict", trap["evidence"]),  # a trap
        ],
    )
    score = scorer.score(report)
    assert score.precision == 0.0
    assert score.must_recall == 0.0
    assert [hit.split(":")[0] for hit in score.trap_hits] == [trap["id"]]
    assert score.clusters_recovered == 0.0


def test_matcher_accepts_a_partner_from_the_cluster_of_the_correct_value(scorer, gold):
    """Pairing the wrong claim with any source stating the correct value is the same finding."""
    for g in gold["findings"]:
        if len(g["evidence"]) < 2:
            continue
        correct = scorer.quote_span(g["evidence"][1])
        cluster = next(
            (c for c in gold["clusters"] if any(overlaps(scorer.quote_span(m), correct) for m in c["members"])),
            None,
        )
        if cluster is None:
            continue
        other = next((m for m in cluster["members"] if not overlaps(scorer.quote_span(m), correct)), None)
        if other is None:
            continue
        score = scorer.score(report_from_quotes(scorer, [(g["kind"], [g["evidence"][0], other])]))
        assert score.precision == 1.0, g["id"]
        return
    pytest.fail("gold.json has no finding whose correct side belongs to a cluster")


# ---------------------------------------------------------------- the regression


def test_dev_corpus_accuracy(dev_report, scorer):
    score = scorer.score(dev_report)
    detail = f"missed {score.missed}; extra {score.extra}; traps {score.trap_hits}"
    # 0.8, not 0.9 (2026-12-01): the fitted figure threshold now counts real-news false alarms
    # (bench/sameness/fit.py --real-news) and this corpus's G2 pairing falls under it; lower is a
    # regression
    assert score.must_recall >= 0.8, detail
    assert score.precision >= 0.8, detail
    assert score.trap_hits == [], detail
    assert score.clusters_recovered >= 0.8, detail


CROSS_DOCUMENT_KINDS = {"value-conflict", "scale-slip", "date-conflict", "entity-conflict"}


def test_the_wrong_claim_comes_first_where_the_corpus_agrees_on_the_right_one(dev_report, scorer, gold):
    """DESIGN.md: findings list the wrong claim first where known. It is known when the value the
    wrong claim contradicts is stated by two or more documents (a gold cluster spanning documents)."""
    claim_spans = {c["id"]: (c["doc"], c["start"], c["end"]) for c in dev_report["claims"]}
    checked = []
    for g in gold["findings"]:
        if g["kind"] not in CROSS_DOCUMENT_KINDS:
            continue
        correct = scorer.quote_span(g["evidence"][1])
        consensus = [
            c for c in gold["clusters"]
            if any(overlaps(scorer.quote_span(m), correct) for m in c["members"]) and len({m["doc"] for m in c["members"]}) >= 2
        ]
        if not consensus:
            continue
        wrong = scorer.quote_span(g["evidence"][0])
        for finding in dev_report["findings"]:
            if scorer.matches(g, finding, claim_spans):
                checked.append(g["id"])
                assert overlaps(claim_spans[finding["claims"][0]], wrong), (g["id"], finding["message"])
    assert len(checked) >= 3, checked


def test_dev_report_reads_every_document_with_its_gold_date(dev_report, gold):
    assert {d["id"]: d["date"] for d in dev_report["documents"]} == {k: v["date"] for k, v in gold["documents"].items()}
    assert dev_report["errors"] == []
