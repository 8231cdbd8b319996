"""`factlint check --format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub, VS Code viewers).

One result per finding, located where the gate points (the wrong claim, or the newcomers a known
claim disagrees with: ``review.gate_locations``), with the other claims as related locations. A
reviewed finding carries a ``suppressions`` entry (kind ``external``: the verdict lives in
``claims/verdicts.json``) with the verdict as justification, so code scanning shows it as dismissed
rather than open. ``partialFingerprints`` carries the finding id, a content fingerprint, so a
scanning service tracks the same finding across edits elsewhere in the file. Unreadable articles
are tool execution notifications of the run's invocation.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote as url_quote

from factlint import __version__
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

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "factlint"
FINGERPRINT_KEY = "factlintFindingId/v1"
SOURCE_ROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict:
    """A SARIF artifactLocation: an absolute path as a file URI, a relative one against the source root."""
    if PureWindowsPath(path).is_absolute() and not path.startswith("/"):
        return {"uri": PureWindowsPath(path).as_uri()}
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return {"uri": PurePosixPath(posix).as_uri()}
    return {"uri": url_quote(posix, safe="/"), "uriBaseId": SOURCE_ROOT}


def _region(claim: Claim, text: str | None) -> dict:
    region: dict = {"startLine": claim.line}
    columns = claim_columns(claim, text)
    if columns is not None:
        start_column, end_column = columns
        region["startColumn"] = start_column
        if end_column is not None:
            region["endColumn"] = end_column
    return region


def _physical_location(claim: Claim, documents: Mapping[str, Document], texts: Mapping[str, str]) -> dict:
    return {
        "artifactLocation": artifact_location(document_path(claim.doc, documents)),
        "region": _region(claim, texts.get(claim.doc)),
    }


def _message(finding: Finding, claims: list[Claim], documents: Mapping[str, Document]) -> str:
    parts = [finding.message]
    if len(claims) > 1:
        parts.append(f"Values: {values_text(claims)}.")
        parts += [f"Other evidence at {location(claim, documents)}: “{quote(claim)}”" for claim in claims[1:]]
    return "\n".join(parts)


def _suppression(finding: Finding, note: str | None) -> dict:
    justification = f"{finding.status}: {note}" if note else finding.status
    return {"kind": "external", "status": "accepted", "justification": justification}


def _result(finding: Finding, rule_index: int, claims: list[Claim], documents: Mapping[str, Document],
            texts: Mapping[str, str], at: list[Claim] | None = None, note: str | None = None) -> dict:
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "kind": "fail",
        "message": {"text": _message(finding, claims, documents)},
        "locations": [],
        "partialFingerprints": {FINGERPRINT_KEY: finding.id},
        "properties": {"findingId": finding.id, "kind": finding.kind, "status": finding.status},
    }
    if claims:
        primary = at or claims[:1]
        result["locations"] = [{"physicalLocation": _physical_location(claim, documents, texts)} for claim in primary]
        related = [claim for claim in claims if claim not in primary]
        if related:
            result["relatedLocations"] = [
                {
                    "id": number,
                    "physicalLocation": _physical_location(claim, documents, texts),
                    "message": {"text": quote(claim)},
                }
                for number, claim in enumerate(related, start=1)
            ]
    if finding.status != "new":
        result["suppressions"] = [_suppression(finding, note)]
    return result


def _rules(findings: list[Finding]) -> list[dict]:
    kinds_by_rule: dict[str, set[str]] = {}
    for finding in findings:
        kinds_by_rule.setdefault(finding.rule, set()).add(finding.kind)
    return [
        {
            "id": rule,
            "name": rule,
            "shortDescription": {"text": f"{rule}: {', '.join(sorted(kinds))}"},
            "properties": {"tags": sorted(kinds)},
            **_rule_help(rule),
        }
        for rule, kinds in sorted(kinds_by_rule.items())
    ]


def _rule_help(rule: str) -> dict:
    """fullDescription and help from the rule's own documentation (``factlint rule CODE``)."""
    from factlint.rules_doc import render_rule_markdown, render_rule_text, rule_doc

    try:
        doc = rule_doc(rule)
    except KeyError:
        return {}
    return {
        "fullDescription": {"text": " ".join(part for part in (doc.summary, doc.description) if part)},
        "help": {"text": render_rule_text(doc), "markdown": render_rule_markdown(doc)},
    }


def _notification(error) -> dict:
    return {
        "level": "error",
        "message": {"text": f"{error.path}: not checked: {error.reason}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(error.path)}}],
        "descriptor": {"id": "unreadable-article"},
    }


def render_sarif(
    result: CheckResult,
    texts: Mapping[str, str] | None = None,
    locations: Mapping[str, list[str]] | None = None,
    notes: Mapping[str, str | None] | None = None,
) -> str:
    """The SARIF log for the result's findings (reviewed ones suppressed), as stable JSON text.

    ``texts`` maps a document id to its text as read; with it, regions get start and end columns
    (1-based, in Unicode code points, as the run declares). Without it, regions give the line.
    ``locations`` (finding id -> claim ids) says where each unreviewed finding points; ``notes``
    (finding id -> the reviewer's note) justifies the suppressions.
    """
    texts = texts or {}
    locations = locations or {}
    notes = notes or {}
    claims = claims_by_id(result)
    documents = documents_by_id(result.documents)
    findings = ordered_findings(result)
    rules = _rules(findings)
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": {"name": TOOL_NAME, "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {SOURCE_ROOT: {"description": {"text": "The folder the check was run from."}}},
                "invocations": [
                    {
                        "executionSuccessful": not result.errors,
                        "toolExecutionNotifications": [_notification(error) for error in result.errors],
                    }
                ],
                "results": [
                    _result(
                        finding,
                        rule_index[finding.rule],
                        finding_claims(finding, claims),
                        documents,
                        texts,
                        [claims[cid] for cid in locations.get(finding.id, []) if cid in claims],
                        notes.get(finding.id),
                    )
                    for finding in findings
                ],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
