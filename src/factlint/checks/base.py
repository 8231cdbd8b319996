"""What every check shares: the finding fingerprint and how a claim is quoted in a message."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from factlint.models import Claim, Finding
from factlint.report.evidence import value_text


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def fingerprint(rule: str, claims: Sequence[Claim]) -> str:
    """Rule + documents + normalised claim texts and sentences; never line numbers or offsets, so a
    finding keeps its id (and its review verdict) when the file is edited elsewhere."""
    docs = sorted({c.doc for c in claims})
    parts = [rule, *docs, *(f"{c.doc}|{normalise(c.text)}|{normalise(c.sentence)}" for c in claims)]
    return f"{rule}-{hashlib.sha256(chr(31).join(parts).encode()).hexdigest()[:12]}"


def describe(claim: Claim) -> str:
    text = claim.text if len(claim.text) <= 60 else claim.text[:57].rstrip() + "..."
    return f"{value_text(claim)} ({claim.doc}:{claim.line}: \"{text}\")"


def make_finding(rule: str, kind: str, claims: Sequence[Claim], message: str, severity: str = "warning") -> Finding:
    return Finding(
        id=fingerprint(rule, claims),
        rule=rule,
        kind=kind,
        severity=severity,
        message=message,
        claims=[c.id for c in claims],
    )
