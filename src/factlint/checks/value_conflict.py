"""FL001 value-conflict / scale-slip: two sources give incompatible figures for the same thing.

Same thing means same metric, subject, period and modality (see ``factlint.cluster``); incompatible
means the intervals the wordings commit to cannot both hold after unit conversion. A pair whose
values differ by exactly x1,000 (or x1,000,000) is reported as the ``scale-slip`` kind.

Why: a reader who trusts either figure may be wrong by the difference; the same fact should read the
same in every source.

Verdict: usually source-error on the first claim (the outlier); false-alarm when the two figures
measure different things (another period, scope or modality) that were taken as one.

Fails::

    a.txt: In 2023 the tunnel carried 4.9 million passengers.
    b.txt: The tunnel carried 6.4m passengers in 2023.

Passes (the hedged figure admits the exact one; different years are different things)::

    a.txt: The tunnel carried nearly 6.5 million passengers in 2023.
    b.txt: The tunnel carried 6.4m passengers in 2023, and 7.9m in 2024.
"""

from __future__ import annotations

from factlint.checks.base import describe, make_finding
from factlint.checks.conflicts import resolve_conflicts
from factlint.cluster import ClaimGraph
from factlint.models import Finding

CODE = "FL001"
KINDS = ("value-conflict", "scale-slip")


def check(graph: ClaimGraph) -> list[Finding]:
    findings = []
    for conflict in resolve_conflicts(graph):
        if conflict.wrong.kind != "quantity" or conflict.same_document:
            continue
        others = list(conflict.others)
        kind = "scale-slip" if conflict.scale_slip else "value-conflict"
        what = f"{conflict.wrong.metric}" + (f" ({conflict.wrong.period.value})" if conflict.wrong.period else "")
        reason = (
            "the same figure with its magnitude off by a factor of 1,000"
            if kind == "scale-slip"
            else "the values cannot both hold after unit conversion"
        )
        message = (
            f"{what}: {describe(conflict.wrong)} disagrees with "
            + "; ".join(describe(o) for o in others)
            + f": {reason}."
        )
        findings.append(make_finding(CODE, kind, [conflict.wrong, *others], message, "error"))
    return findings
