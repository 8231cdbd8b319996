"""`factlint check --format json`: the CheckResult serialised, as the contract in DESIGN.md."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from factlint.json_text import Written, dumps
from factlint.models import CheckResult, Claim

CLAIM_LEVEL = 2
"""The nesting depth of a claim in the report: the top object, its "claims" list, the claim."""

_AHEAD: dict[int, tuple[Claim, str]] = {}
"""Claims' text rendered ahead, by the claim's identity (the entry holds the claim, so the identity
is not reused while kept); emptied by the next :func:`render_json`."""


def render_ahead(claims: Iterable[Claim]) -> Iterator[None]:
    """Render claims' text before the report is asked for, one claim a step (a check with workers
    does it while they parse), but those whose text is known (:func:`known_text`). The report is
    the same text with or without it."""
    for claim in claims:
        ahead = _AHEAD.get(id(claim))
        if ahead is None or ahead[0] is not claim:
            _AHEAD[id(claim)] = (claim, dumps(claim.model_dump(mode="json"), CLAIM_LEVEL))
            yield None


def known_text(claim: Claim, text: str) -> None:
    """Give the report a claim's text as ``dumps(claim.model_dump(mode="json"), CLAIM_LEVEL)``
    writes it, known from elsewhere (the claims store's file of a verified record)."""
    _AHEAD[id(claim)] = (claim, text)


def render_json(result: CheckResult) -> str:
    """``{"version", "documents", "claims", "clusters", "findings", "errors"}`` as stable text.

    Sorted keys, 2-space indent, UTF-8 text kept as is, trailing newline: the same result always
    gives the same bytes. Records keep the order the result has; every field is written, unset
    ones as null, so consumers see one shape.
    """
    if not _AHEAD:
        return dumps(result.model_dump(mode="json")) + "\n"
    payload = result.model_dump(mode="json", exclude={"claims"})
    payload["claims"] = [_claim_text(claim) for claim in result.claims]
    _AHEAD.clear()
    return dumps(payload) + "\n"


def _claim_text(claim: Claim) -> Written | dict:
    ahead = _AHEAD.get(id(claim))
    return Written(ahead[1]) if ahead is not None and ahead[0] is claim else claim.model_dump(mode="json")
