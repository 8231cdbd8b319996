"""`factlint check` in the terminal: a table of findings with both pieces of evidence."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factlint.models import CheckResult, Claim, Document, Finding
from factlint.report.evidence import (
    claims_by_id,
    documents_by_id,
    finding_claims,
    location,
    ordered_findings,
    quote_parts,
    summary_counts,
    value_text,
)
from factlint.report.safe_text import escape_controls

STATUS_STYLES = {"new": "bold red", "source-error": "yellow", "false-alarm": "dim", "accepted": "green"}
NO_FINDINGS = "no contradictions found"

# Text objects, never markup strings: quotes from articles may contain "[...]", which rich would
# otherwise read as style tags.


def _evidence(claim: Claim, documents: Mapping[str, Document]) -> Text:
    before, span, after = (escape_controls(part) for part in quote_parts(claim))
    text = Text(escape_controls(location(claim, documents)), style="cyan")
    text.append("\n“")
    text.append(before)
    text.append(span, style="bold")
    text.append(after)
    text.append("”")
    return text


def _finding_cell(finding: Finding) -> Text:
    text = Text(finding.rule, style="bold")
    text.append(f"\n{finding.kind}\n")
    text.append(finding.id, style="dim")
    return text


def _row(finding: Finding, claims: list[Claim], documents: Mapping[str, Document]) -> list:
    evidence = Text("\n\n").join(_evidence(claim, documents) for claim in claims)
    values = Text(escape_controls("\nvs\n".join(value_text(claim) for claim in claims)))
    status = Text(finding.status, style=STATUS_STYLES.get(finding.status, ""))
    return [_finding_cell(finding), evidence, values, Text(escape_controls(finding.message)), status]


def findings_table(result: CheckResult) -> Table:
    """The rich Table: finding (rule, kind, id), evidence (path:line and quote per claim), values,
    why (the message), status."""
    claims = claims_by_id(result)
    documents = documents_by_id(result.documents)
    table = Table(header_style="bold", show_lines=True, expand=True)
    # Wide enough for the finding id, which the reviewer copies into `factlint review`.
    id_width = max((len(finding.id) for finding in result.findings), default=0)
    table.add_column("finding", overflow="fold", min_width=min(id_width, 40))
    table.add_column("evidence", ratio=4, overflow="fold")
    table.add_column("values", ratio=2, overflow="fold")
    table.add_column("why", ratio=3, overflow="fold")
    table.add_column("status", no_wrap=True)
    for finding in ordered_findings(result):
        table.add_row(*_row(finding, finding_claims(finding, claims), documents))
    return table


WIDE_ENOUGH_FOR_COLUMNS = 120


def findings_blocks(result: CheckResult) -> Text:
    """One block per finding, for terminals too narrow for the table's five columns."""
    claims = claims_by_id(result)
    documents = documents_by_id(result.documents)
    out = Text()
    for finding in ordered_findings(result):
        found = finding_claims(finding, claims)
        out.append(f"{finding.rule} {finding.kind}", style="bold")
        out.append(f"  {finding.id}  ", style="dim")
        out.append(finding.status, style=STATUS_STYLES.get(finding.status, ""))
        out.append(escape_controls("\n  " + " vs ".join(value_text(claim) for claim in found) + "\n"))
        for claim in found:
            out.append("  ")
            out.append_text(_evidence(claim, documents))
            out.append("\n")
        out.append(Text(escape_controls(f"  why: {finding.message}\n\n")))
    return out


def render_table(result: CheckResult, console: Console) -> None:
    """Print the findings (a table, or blocks on a narrow terminal; "no contradictions found" when
    there are none) and the summary line."""
    if not result.findings:
        console.print(Text(NO_FINDINGS))
    elif console.width >= WIDE_ENOUGH_FOR_COLUMNS:
        console.print(findings_table(result))
    else:
        console.print(findings_blocks(result))
    console.print(Text(summary_counts(result)))
