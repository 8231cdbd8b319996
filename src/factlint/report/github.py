"""`factlint check --format github`: GitHub Actions workflow commands that annotate the diff.

One ``::error`` line per line of an article that unreviewed findings point at (``::warning`` /
``::notice`` when they are all warning- or info-severity findings): a finding points at its wrong
claim, or, when that claim was already known and reviewed, at the newcomers it disagrees with
(``review.gate_locations``). Findings at the same line share one annotation. An unreadable article
gets an ``::error`` of its own. See
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


def render_github(
    result: CheckResult,
    texts: Mapping[str, str] | None = None,
    locations: Mapping[str, list[str]] | None = None,
) -> str:
    """One annotation line per article line that unreviewed findings point at, in reading order;
    empty text when there are none.

    ``texts`` (document id -> text as read) adds the claim's columns to each annotation;
    ``locations`` (finding id -> claim ids) says where each finding points (default: its first claim).
    """
    texts = texts or {}
    locations = locations or {}
    claims = claims_by_id(result)
    documents = documents_by_id(result.documents)
    at_line: dict[tuple[str, int], list[tuple[Claim, Finding]]] = {}
    for finding in ordered_findings(result):
        if finding.status != "new":
            continue
        evidence = finding_claims(finding, claims)
        targets = [claims[cid] for cid in locations.get(finding.id, []) if cid in claims] or evidence[:1]
        if not targets:
            at_line.setdefault(("", 0), []).append((None, finding))
            continue
        for target in targets:
            entries = at_line.setdefault((target.doc, target.line), [])
            if all(f.id != finding.id for _, f in entries):
                entries.append((target, finding))
    lines = []
    for (doc, line), entries in sorted(at_line.items(), key=lambda item: (item[0][0], item[0][1])):
        lines.append(_line_annotation(entries, claims, documents, texts))
    lines += [
        workflow_command("error", f"Not checked: {error.reason}", {"file": error.path, "title": "factlint: unreadable article"})
        for error in result.errors
    ]
    return "".join(line + "\n" for line in lines)


def _line_annotation(entries, claims, documents, texts) -> str:
    """One annotation for the findings pointing at one line: at the first one's claim."""
    target, first = entries[0]
    if len(entries) == 1 and (target is None or target.id == first.claims[0]):
        return annotation(first, finding_claims(first, claims), documents, texts)
    properties: dict[str, str | int] = {}
    if target is not None:
        properties["file"] = document_path(target.doc, documents)
        properties["line"] = target.line
        columns = claim_columns(target, texts.get(target.doc))
        if columns is not None:
            properties["col"] = columns[0]
    rules = sorted({f"{finding.rule} {finding.kind}" for _, finding in entries})
    severities = [finding.severity for _, finding in entries]
    severity = next((level for level in ("error", "warning", "info") if level in severities), "error")
    properties["title"] = ", ".join(rules)
    blocks = []
    for at, finding in entries:
        evidence = finding_claims(finding, claims)
        block = _annotation_message(finding, evidence, documents)
        if at is not None and evidence and at.id != evidence[0].id:
            block = f"This claim (“{quote(at)}”) disagrees with {location(evidence[0], documents)}.\n" + block
        blocks.append(block)
    return workflow_command(COMMANDS.get(severity, "error"), "\n\n".join(blocks), properties)
