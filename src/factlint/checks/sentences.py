"""What the in-sentence arithmetic checks share: a sentence's figures in order, with the words
between them, and cue words matched as whole words."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factlint.cluster import ClaimGraph
from factlint.models import Claim


@dataclass(frozen=True)
class Sentence:
    text: str
    figures: tuple[Claim, ...]
    """The sentence's quantity claims in reading order."""
    offsets: tuple[int, ...]
    """Where each figure starts in ``text``."""

    def between(self, i: int, j: int) -> str:
        """The words between figure ``i`` and figure ``j`` (i < j)."""
        return self.text[self.offsets[i] + len(self.figures[i].text): self.offsets[j]]

    def text_between(self, a: Claim, b: Claim) -> str:
        """The words between two of the sentence's figures, in whichever order they come."""
        i, j = sorted((self.figures.index(a), self.figures.index(b)))
        return self.between(i, j)


def sentences_with_figures(graph: ClaimGraph, at_least: int = 2,
                           keep: Callable[[Claim], bool] = lambda claim: True) -> list[Sentence]:
    """Every sentence holding ``at_least`` quantity claims that ``keep`` keeps, in (document,
    position) order; the other figures are left out of the sentence's figures."""
    grouped: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in graph.claims.values():
        if claim.kind == "quantity" and claim.quantity is not None and keep(claim):
            grouped[(claim.doc, claim.sentence)].append(claim)
    found = []
    for (doc, text), claims in sorted(grouped.items(), key=lambda item: (item[0][0], min(c.start for c in item[1]))):
        if len(claims) < at_least:
            continue
        claims.sort(key=lambda c: c.start)
        offsets = _offsets(text, claims)
        if offsets is not None:
            found.append(Sentence(text, tuple(claims), offsets))
    return found


def _offsets(text: str, claims: list[Claim]) -> tuple[int, ...] | None:
    """Each claim's offset in its (stripped) sentence: the one placement of the first claim's text
    from which every other claim's text sits at its own distance."""
    first = claims[0]
    position = text.find(first.text)
    while position >= 0:
        offsets = tuple(position + c.start - first.start for c in claims)
        if all(text[o: o + len(c.text)] == c.text for o, c in zip(offsets, claims)):
            return offsets
        position = text.find(first.text, position + 1)
    return None


def has_cue(text: str, cues: Iterable[str]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", lowered) for cue in cues)
