"""`factlint check --format json`: the CheckResult serialised, as the contract in DESIGN.md."""

from __future__ import annotations

from factlint.json_text import dumps
from factlint.models import CheckResult


def render_json(result: CheckResult) -> str:
    """``{"version", "documents", "claims", "clusters", "findings", "errors"}`` as stable text.

    Sorted keys, 2-space indent, UTF-8 text kept as is, trailing newline: the same result always
    gives the same bytes. Records keep the order the result has; every field is written, unset
    ones as null, so consumers see one shape.
    """
    return dumps(result.model_dump(mode="json")) + "\n"
