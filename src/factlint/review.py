"""The review verdicts: what a person decided about each finding, kept in ``claims/verdicts.json``.

The file maps a finding identity to its verdict::

    {"FL002-3f9c0a1b2c3d": {"note": "the second source dropped a zero", "status": "source-error"}}

Identities are content fingerprints (``factlint.checks.base``): per disagreeing pair for most
rules, so a verdict stays with its pair while the articles change elsewhere, and a finding that
gains a disagreeing claim keeps every verdict already given: :func:`settle` splits it into the part
already reviewed and a new finding for the newcomer. Like a linter baseline, a check fails only on
findings without a verdict. A verdict whose finding is gone is *stale*; it is kept until it is
pruned on purpose (``factlint review --prune``).

Writes are atomic (temporary file, then rename) and serialised by a lock on the claims folder, so
two reviews at once never lose an update and a crash leaves the old file or the new one.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import get_args

from factlint.models import Claim, Finding, Status

VERDICTS_FILE = "verdicts.json"
STATUSES: tuple[str, ...] = get_args(Status)
"""new, source-error, false-alarm, accepted."""
UNREVIEWED = "new"

Verdicts = dict[str, dict[str, str | None]]

_CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


class VerdictsError(ValueError):
    """``verdicts.json`` cannot be read; the message names the file, the line and what to do."""

    def __init__(self, path: Path, reason: str, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = reason
        super().__init__(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")


def verdicts_path(claims_dir: Path | str) -> Path:
    return Path(claims_dir) / VERDICTS_FILE


def validate_status(status: str) -> str:
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return status


def _line_of(raw: str, offset: int) -> int:
    return raw.count("\n", 0, max(offset, 0)) + 1


def _key_line(raw: str, key: str) -> int | None:
    at = raw.find(json.dumps(key, ensure_ascii=False))
    if at < 0:
        at = raw.find(json.dumps(key))
    return _line_of(raw, at) if at >= 0 else None


def parse_verdicts(raw_bytes: bytes, path: Path) -> Verdicts:
    """The verdicts in the bytes of a ``verdicts.json``; VerdictsError says what is wrong and where."""
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw_bytes.count(b"\n", 0, exc.start) + 1
        raise VerdictsError(
            path,
            f"not UTF-8 (byte 0x{raw_bytes[exc.start]:02x} at offset {exc.start}; saved in another encoding "
            "such as Latin-1?): re-save it as UTF-8",
            line,
        ) from None
    raw = raw.removeprefix("\ufeff")
    for number, text in enumerate(raw.split("\n"), start=1):
        if text.startswith(_CONFLICT_MARKERS):
            raise VerdictsError(
                path,
                f"unresolved merge conflict (a line starting with {text[:7]!r}): keep the verdicts of both "
                "sides, remove the <<<<<<< ======= >>>>>>> lines, and check the file is valid JSON",
                number,
            )
    if not raw.strip():
        raise VerdictsError(path, "the file is empty (truncated?): restore it from version control, or write {}")

    duplicates: list[str] = []

    def no_duplicates(pairs: list[tuple[str, object]]) -> dict:
        seen: dict = {}
        for key, value in pairs:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    try:
        data = json.loads(raw, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(raw.rstrip()):
            reason = "the file ends before its JSON does (truncated?): restore it from version control"
        else:
            reason = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise VerdictsError(path, reason, exc.lineno) from None
    if not isinstance(data, dict):
        raise VerdictsError(path, "expected an object mapping finding ids to verdicts", 1)
    if duplicates:
        key = duplicates[0]
        raise VerdictsError(path, f"finding {key!r} has two verdicts (a merge kept both?): keep one", _key_line(raw, key))
    verdicts: Verdicts = {}
    for finding_id, verdict in data.items():
        line = _key_line(raw, finding_id)
        if not finding_id.strip():
            raise VerdictsError(path, "a verdict is keyed by an empty finding id: put the finding's id (FL001-...) "
                                "as its key, or remove it", line)
        if not isinstance(verdict, dict) or "status" not in verdict:
            raise VerdictsError(path, f"the verdict for {finding_id!r} must be an object with a \"status\"", line)
        status = verdict["status"]
        if status not in STATUSES:
            raise VerdictsError(
                path,
                f"the verdict for {finding_id!r} has unknown status {status!r}: use one of {', '.join(STATUSES)}",
                line,
            )
        note = verdict.get("note")
        if note is not None and not isinstance(note, str):
            raise VerdictsError(path, f"the note for {finding_id!r} must be text", line)
        unknown = sorted(set(verdict) - {"status", "note"})
        if unknown:
            raise VerdictsError(path, f"the verdict for {finding_id!r} has unknown field(s) {', '.join(unknown)}", line)
        verdicts[finding_id] = {"status": status, "note": note}
    return verdicts


def load_verdicts(claims_dir: Path | str) -> Verdicts:
    """The verdicts recorded under ``claims_dir``; empty when none have been recorded yet.

    Raises VerdictsError (a ValueError) when the file cannot be read or is not a mapping of finding
    id to {"status", "note"} with a known status, so a hand-edit or a merge gone wrong is reported
    (with its line) instead of silently ignored.
    """
    path = verdicts_path(claims_dir)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise VerdictsError(path, "is a folder, not a file: move it away; verdicts.json must be a JSON file") from None
    except OSError as exc:
        raise VerdictsError(path, f"cannot be read: {exc.strerror or exc}") from None
    return parse_verdicts(raw, path)


@contextlib.contextmanager
def verdicts_lock(claims_dir: Path | str) -> Iterator[None]:
    """Hold the claims folder's verdict lock: one read-modify-write of the verdicts at a time.

    The lock is ``flock`` on the folder itself, so no lock file is left behind and a killed process
    releases it. Where ``flock`` is missing the block runs unlocked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    folder = Path(claims_dir)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


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


def update_verdicts(
    claims_dir: Path | str,
    changes: Mapping[str, tuple[str, str | None]],
    then: Callable[[Verdicts], None] | None = None,
) -> Verdicts:
    """Apply ``changes`` (identity -> (status, note); status ``new`` removes the verdict) under the
    lock, on the file as it is now, and return all verdicts as stored. ``then`` runs with the new
    verdicts before the lock is released (to write what depends on them)."""
    for status, _ in changes.values():
        validate_status(status)
    with verdicts_lock(claims_dir):
        verdicts = load_verdicts(claims_dir)
        for identity, (status, note) in changes.items():
            if status == UNREVIEWED:
                verdicts.pop(identity, None)
            else:
                verdicts[identity] = {"status": status, "note": note}
        write_verdicts(claims_dir, verdicts)
        if then is not None:
            then(verdicts)
    return verdicts


def record_verdict(claims_dir: Path | str, finding_id: str, status: str, note: str | None = None) -> Verdicts:
    """Record (or replace) the verdict on one identity and return all verdicts as now stored.

    Recording ``new`` removes the verdict: the finding is unreviewed again. Raises ValueError for
    an unknown status or an empty id.
    """
    validate_status(status)
    if not finding_id or not finding_id.strip():
        raise ValueError("finding id must not be empty")
    return update_verdicts(claims_dir, {finding_id: (status, note)})


def remove_verdicts(claims_dir: Path | str, finding_ids: Iterable[str]) -> Verdicts:
    """Drop the verdicts on ``finding_ids`` (e.g. the stale ones) and return what remains."""
    return update_verdicts(claims_dir, {finding_id: (UNREVIEWED, None) for finding_id in finding_ids})


# ---------------------------------------------------------------- verdicts and findings


def identities_of(finding: Finding) -> list[str]:
    """The identities a verdict on ``finding`` is recorded under: its pairs, else its id."""
    return list(finding.pairs) or [finding.id]


def _legacy_id(finding: Finding, claims: Mapping[str, Claim] | None) -> str | None:
    if claims is None or not all(cid in claims for cid in finding.stated()):
        return None
    from factlint.checks.base import legacy_fingerprint

    return legacy_fingerprint(finding.rule, [claims[cid] for cid in finding.stated()])


def settle(
    findings: Iterable[Finding],
    verdicts: Mapping[str, Mapping[str, str | None]],
    claims: Mapping[str, Claim] | None = None,
) -> list[Finding]:
    """The findings with the status their verdicts give; a finding whose pairs have different
    verdicts (a reviewed finding that gained a disagreeing claim) is split, one finding per
    verdict, each named by its first pair.

    With ``claims``, a verdict recorded under a finding's id from before identities were per pair
    still applies to every pair of it.
    """
    out: list[Finding] = []
    for finding in findings:
        legacy = _legacy_id(finding, claims)
        fallback = verdicts.get(legacy) if legacy else None
        if not finding.pairs:
            verdict = verdicts.get(finding.id) or fallback
            out.append(finding.model_copy(update={"status": validate_status(verdict["status"]) if verdict else UNREVIEWED}))
            continue
        parts: dict[tuple[str, str | None] | None, list[int]] = {}
        for index, identity in enumerate(finding.pairs):
            verdict = verdicts.get(identity) or fallback
            key = (validate_status(verdict["status"]), verdict.get("note")) if verdict else None
            parts.setdefault(key, []).append(index)
        for key, indices in parts.items():
            out.append(
                finding.model_copy(
                    update={
                        "id": finding.pairs[indices[0]],
                        # claims past the pairs' only point at where the finding's words stand:
                        # each part keeps those made for its own claims
                        "claims": [*(part := [finding.claims[0], *(finding.claims[1 + i] for i in indices)]),
                                   *finding.pointers_of(part)],
                        "pairs": [finding.pairs[i] for i in indices],
                        "status": key[0] if key else UNREVIEWED,
                    }
                )
            )
    return out


def apply_verdicts(findings: Iterable[Finding], verdicts: Mapping[str, Mapping[str, str | None]]) -> list[Finding]:
    """The findings with the status their verdict gives, ``new`` where there is none (see :func:`settle`)."""
    return settle(findings, verdicts)


def note_of(finding: Finding, verdicts: Mapping[str, Mapping[str, str | None]]) -> str | None:
    for identity in identities_of(finding):
        verdict = verdicts.get(identity)
        if verdict is not None:
            return verdict.get("note")
    return None


def unreviewed(findings: Iterable[Finding]) -> list[Finding]:
    """The findings nobody has given a verdict on: the ones that fail a check."""
    return [finding for finding in findings if finding.status == UNREVIEWED]


def stale_verdicts(
    verdicts: Mapping[str, object], findings: Iterable[Finding], claims: Mapping[str, Claim] | None = None
) -> list[str]:
    """Ids with a verdict that no current finding has, sorted: candidates for pruning."""
    current: set[str] = set()
    for finding in findings:
        current.update(identities_of(finding))
        current.add(finding.id)
        legacy = _legacy_id(finding, claims)
        if legacy:
            current.add(legacy)
    return sorted(finding_id for finding_id in verdicts if finding_id not in current)


def verdict_changes(findings: Iterable[Finding], status: str, note: str | None,
                    claims: Mapping[str, Claim] | None = None) -> dict[str, tuple[str, str | None]]:
    """What recording ``status`` on ``findings`` writes: every identity of each (and, for ``new``,
    the old-style id too, so a withdrawn verdict cannot come back through it)."""
    changes: dict[str, tuple[str, str | None]] = {}
    for finding in findings:
        for identity in identities_of(finding):
            changes[identity] = (status, note)
        legacy = _legacy_id(finding, claims)
        if legacy:
            changes[legacy] = (UNREVIEWED, None)  # replaced by the per-pair verdicts
    return changes


# ---------------------------------------------------------------- where the gate points


def gate_locations(findings: Iterable[Finding], claims: Mapping[str, Claim], known: set[str] = frozenset()) -> dict[str, list[str]]:
    """Where each unreviewed finding is annotated: the claim ids to point at.

    A finding is shown at its wrong claim (``claims[0]``), unless that claim is already known (it
    takes part in a reviewed finding of the same rule, or its fingerprint is in ``known``, the
    claims stored before this check) while some of the claims it disagrees with are not: then the
    newcomers are what the finding brings, and it is shown at them.
    """
    from factlint.checks.base import claim_key

    findings = list(findings)
    reviewed: set[tuple[str, str]] = {
        (finding.rule, cid) for finding in findings if finding.status != UNREVIEWED for cid in finding.claims
    }

    def is_known(rule: str, claim: Claim) -> bool:
        return (rule, claim.id) in reviewed or claim_key(claim) in known

    out: dict[str, list[str]] = {}
    for finding in findings:
        if finding.status != UNREVIEWED or not finding.claims or finding.claims[0] not in claims:
            continue
        wrong = claims[finding.claims[0]]
        newcomers = [cid for cid in finding.stated()[1:] if cid in claims and not is_known(finding.rule, claims[cid])]
        out[finding.id] = newcomers if newcomers and is_known(finding.rule, wrong) else [wrong.id]
    return out


# ---------------------------------------------------------------- naming findings


class UnknownFinding(ValueError):
    """An id given to ``factlint review`` names no finding, or more than one."""


def resolve_ids(
    tokens: Iterable[str],
    findings: Iterable[Finding],
    verdicts: Mapping[str, object] = {},
    *,
    forgetting: bool = False,
) -> tuple[list[Finding], list[str]]:
    """The findings named by ``tokens``: a whole id or a unique prefix of one, in any case (a pair
    identity of a finding names the finding too). When ``forgetting`` (status ``new``), a token
    that names no finding may name a recorded verdict instead (a stale one); those come back as
    identities. Raises UnknownFinding for a token that names nothing or is ambiguous.
    """
    findings = list(findings)
    chosen: dict[str, Finding] = {}
    identities: list[str] = []
    for token in tokens:
        wanted = token.strip().casefold()
        if not wanted:
            raise UnknownFinding("an empty finding id names nothing")
        exact = [f for f in findings if wanted in (i.casefold() for i in [f.id, *f.pairs])]
        matches = exact or [f for f in findings if any(i.casefold().startswith(wanted) for i in [f.id, *f.pairs])]
        if len(matches) == 1:
            chosen.setdefault(matches[0].id, matches[0])
            continue
        if len(matches) > 1:
            names = ", ".join(sorted(f.id for f in matches)[:6])
            raise UnknownFinding(f"{token!r} is the start of {len(matches)} finding ids ({names}): give more of it")
        recorded = [key for key in verdicts if key.casefold().startswith(wanted)] if forgetting else []
        if len(recorded) == 1:
            identities.append(recorded[0])
            continue
        if len(recorded) > 1:
            raise UnknownFinding(f"{token!r} is the start of {len(recorded)} recorded verdicts: give more of it")
        raise UnknownFinding(f"no finding {token!r} in the current check")
    return list(chosen.values()), identities
