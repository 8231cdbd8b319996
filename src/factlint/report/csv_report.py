"""`factlint check --format csv`: one row per finding, for spreadsheets."""

from __future__ import annotations

import csv
import io

from factlint.models import CheckResult, Claim
from factlint.report.evidence import claims_by_id, finding_claims, ordered_findings, value_text

FINDING_COLUMNS = ("id", "rule", "kind", "severity", "status", "message")
CLAIM_COLUMNS = ("doc", "line", "text", "value", "sentence")
CLAIMS_PER_ROW = 2
"""The first two claims of a finding (the wrong one first where known) get their own columns."""


def csv_header() -> list[str]:
    claim_columns = [f"claim{n}_{column}" for n in range(1, CLAIMS_PER_ROW + 1) for column in CLAIM_COLUMNS]
    return [*FINDING_COLUMNS, *claim_columns]


def _claim_cells(claim: Claim | None) -> list[str]:
    if claim is None:
        return [""] * len(CLAIM_COLUMNS)
    return [claim.doc, str(claim.line), claim.text, value_text(claim), claim.sentence]


def render_csv(result: CheckResult) -> str:
    """A header row, then one row per finding in reading order (first claim's doc, line, id).

    Lines end in ``\\n`` (written to a text stream, the platform's newline is applied once).
    """
    claims = claims_by_id(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_header())
    for finding in ordered_findings(result):
        evidence: list[Claim | None] = [*finding_claims(finding, claims)[:CLAIMS_PER_ROW]]
        evidence += [None] * (CLAIMS_PER_ROW - len(evidence))
        row = [finding.id, finding.rule, finding.kind, finding.severity, finding.status, finding.message]
        for claim in evidence:
            row += _claim_cells(claim)
        writer.writerow(row)
    return buffer.getvalue()
