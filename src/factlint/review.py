"""The review verdicts: what a person decided about each finding, kept in ``claims/verdicts.json``.

The file maps a finding id to its verdict::

    {"3f9c...": {"note": "the second source dropped a zero", "status": "source-error"}}

Finding ids are content fingerprints (rule + documents + normalised claim texts), so a verdict
stays attached to its finding while unrelated lines of the same file change, and falls away
(becomes stale) when the claims themselves change. Like a linter baseline, a check fails only on
findings without a verdict.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import get_args

from factlint.models import Finding, Status

VERDICTS_FILE = "verdicts.json"
STATUSES: tuple[str, ...] = get_args(Status)
"""new, source-error, false-alarm, accepted."""
UNREVIEWED = "new"

Verdicts = dict[str, dict[str, str | None]]


def verdicts_path(claims_dir: Path | str) -> Path:
    return Path(claims_dir) / VERDICTS_FILE


def validate_status(status: str) -> str:
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return status


def load_verdicts(claims_dir: Path | str) -> Verdicts:
    """The verdicts recorded under ``claims_dir``; empty when none have been recorded yet.

    Raises ValueError when the file is not a mapping of finding id to {"status", "note"} with a
    known status, so a hand-edit gone wrong is reported instead of silently ignored.
    """
    path = verdicts_path(claims_dir)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object mapping finding ids to verdicts")
    verdicts: Verdicts = {}
    for finding_id, verdict in data.items():
        if not isinstance(verdict, dict) or "status" not in verdict:
            raise ValueError(f"{path}: verdict for {finding_id!r} must be an object with a status")
        try:
            status = validate_status(verdict["status"])
        except ValueError as exc:
            raise ValueError(f"{path}: verdict for {finding_id!r}: {exc}") from exc
        note = verdict.get("note")
        if note is not None and not isinstance(note, str):
            raise ValueError(f"{path}: note for {finding_id!r} must be text")
        verdicts[finding_id] = {"status": status, "note": note}
    return verdicts


def record_verdict(claims_dir: Path | str, finding_id: str, status: str, note: str | None = None) -> Verdicts:
    """Record (or replace) the verdict on one finding and return all verdicts as now stored.

    Recording ``new`` removes the verdict: the finding is unreviewed again. Raises ValueError for
    an unknown status or an empty id. Whether the id belongs to a current finding is for the caller
    to check; it knows the findings.
    """
    validate_status(status)
    if not finding_id or not finding_id.strip():
        raise ValueError("finding id must not be empty")
    verdicts = load_verdicts(claims_dir)
    if status == UNREVIEWED:
        verdicts.pop(finding_id, None)
    else:
        verdicts[finding_id] = {"status": status, "note": note}
    write_verdicts(claims_dir, verdicts)
    return verdicts


def remove_verdicts(claims_dir: Path | str, finding_ids: Iterable[str]) -> Verdicts:
    """Drop the verdicts on ``finding_ids`` (e.g. the stale ones) and return what remains."""
    verdicts = load_verdicts(claims_dir)
    for finding_id in finding_ids:
        verdicts.pop(finding_id, None)
    write_verdicts(claims_dir, verdicts)
    return verdicts


def render_verdicts(verdicts: Mapping[str, Mapping[str, str | None]]) -> str:
    """The file's bytes: sorted keys, 2-space indent, trailing newline, so diffs stay small."""
    return json.dumps(verdicts, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_verdicts(claims_dir: Path | str, verdicts: Mapping[str, Mapping[str, str | None]]) -> Path:
    """Write the verdicts atomically: a temporary file in the same folder, then ``os.replace``.

    A reader (or a crash) sees either the old file or the new one, never half of one.
    """
    from factlint.store import write_atomic

    target = verdicts_path(Path(claims_dir))
    write_atomic(target, render_verdicts(verdicts))
    return target


def apply_verdicts(findings: Iterable[Finding], verdicts: Mapping[str, Mapping[str, str | None]]) -> list[Finding]:
    """The findings with the status their verdict gives, ``new`` where there is none."""
    return [
        Finding.model_validate({**finding.model_dump(), "status": _status_of(finding.id, verdicts)})
        for finding in findings
    ]


def _status_of(finding_id: str, verdicts: Mapping[str, Mapping[str, str | None]]) -> str:
    verdict = verdicts.get(finding_id)
    return UNREVIEWED if verdict is None else validate_status(verdict["status"])


def unreviewed(findings: Iterable[Finding]) -> list[Finding]:
    """The findings nobody has given a verdict on: the ones that fail a check."""
    return [finding for finding in findings if finding.status == UNREVIEWED]


def stale_verdicts(verdicts: Mapping[str, object], findings: Iterable[Finding]) -> list[str]:
    """Ids with a verdict that no current finding has, sorted: candidates for pruning."""
    current = {finding.id for finding in findings}
    return sorted(finding_id for finding_id in verdicts if finding_id not in current)
