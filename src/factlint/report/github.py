"""`factlint check --format github`: GitHub Actions workflow commands that annotate the diff.

One ``::error`` line per unreviewed finding (``::warning`` / ``::notice`` for warning- and
info-severity findings), at the first claim (the wrong one where known). See
https://docs.github.com/actions/reference/workflow-commands-for-github-actions for the format.
"""

from __future__ import annotations

from collections.abc import Mapping

from factlint.models import CheckResult, Claim, Document, Finding
from factlint.report.evidence import (
    claim_columns,
    claims_by_id,
    document_path,
    documents_by_id,
    finding_claims,
    location,
    ordered_findings,
    quote,
    values_text,
)
from factlint.report.safe_text import escape_controls


# finding severity -> workflow command (conventions: severity is configurable per rule)
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, carriage return and line feed."""
    return escape_controls(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus the ``:`` and ``,`` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, message: str, properties: Mapping[str, str | int]) -> str:
    rendered = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
    return f"::{command} {rendered}::{escape_data(message)}" if rendered else f"::{command}::{escape_data(message)}"


def _annotation_message(finding: Finding, claims: list[Claim], documents: Mapping[str, Document]) -> str:
    lines = [finding.message]
    if len(claims) > 1:
        lines.append(f"Values: {values_text(claims)}")
        lines += [f"Other evidence at {location(claim, documents)}: “{quote(claim)}”" for claim in claims[1:]]
    lines.append(f"Finding {finding.id}: review with `factlint review {finding.id} STATUS`.")
    return "\n".join(lines)


def annotation(finding: Finding, claims: list[Claim], documents: Mapping[str, Document], texts: Mapping[str, str]) -> str:
    """The ``::error file=..,line=..,title=..::message`` line for one finding."""
    properties: dict[str, str | int] = {}
    if claims:
        first = claims[0]
        properties["file"] = document_path(first.doc, documents)
        properties["line"] = first.line
        columns = claim_columns(first, texts.get(first.doc))
        if columns is not None:
            # Only the start: GitHub does not say whether endColumn is inclusive.
            properties["col"] = columns[0]
    properties["title"] = f"{finding.rule} {finding.kind}"
    return workflow_command(COMMANDS.get(finding.severity, "error"), _annotation_message(finding, claims, documents), properties)


def render_github(result: CheckResult, texts: Mapping[str, str] | None = None) -> str:
    """One annotation line per unreviewed finding, in reading order; empty text when none.

    ``texts`` (document id -> text as read) adds the claim's columns to each annotation.
    """
    texts = texts or {}
    claims = claims_by_id(result)
    documents = documents_by_id(result.documents)
    lines = [
        annotation(finding, finding_claims(finding, claims), documents, texts)
        for finding in ordered_findings(result)
        if finding.status == "new"
    ]
    return "".join(line + "\n" for line in lines)
