"""What every check shares: finding identity (fingerprints) and how a claim is quoted in a message.

Identity (DESIGN.md, "Finding"): a finding is known by its rule and the claims that make it, each
claim by its document and its own normalised text, the claim span with a window of a few words on
either side. Never line numbers, offsets or the whole sentence: a finding keeps its id (and its
verdict) while the article is edited elsewhere, even in the same sentence outside the window.

A check says how its claims make the finding with ``identity``:

- ``"pairs"`` (the default): ``claims[0]`` is the claim that disagrees and each of ``claims[1:]`` a
  claim it disagrees with. Every (rule, first, other) pair is an identity of its own, so a finding
  that gains a disagreeing claim keeps the verdicts given on its other pairs (``review.settle``
  splits it), and the newcomer is a new finding;
- ``"first"``: the first claim alone is the finding; the others are evidence that may come and go
  (a witness of the usual pairing, say);
- ``"all"``: the claims together make one relation that no pair states alone (a change that does
  not follow from its two figures).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from factlint.models import POINTER_MARK, Claim, Finding
from factlint.report.evidence import value_text

if TYPE_CHECKING:
    from factlint.cluster import ClaimGraph

Identity = Literal["pairs", "first", "all"]

WINDOW_WORDS = 3
"""Words of the sentence kept on each side of the claim span in the claim's fingerprint."""

_SEPARATOR = "\x1f"
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case, Unicode compatibility forms and runs of whitespace do not change a fingerprint."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def claim_window(claim: Claim, words: int = WINDOW_WORDS) -> str:
    """The claim span with up to ``words`` words of its sentence on each side, normalised.

    The span is looked up in the sentence; when it occurs more than once the first occurrence is
    used (two identical figures in one sentence share a window), and when the sentence does not hold
    it the span alone is the window.
    """
    span = normalise(claim.text)
    sentence = normalise(claim.sentence or "")
    at = sentence.find(span) if span else -1
    if at < 0:
        return span
    before = sentence[:at].split(" ")
    after = sentence[at + len(span):].split(" ")
    # a word glued to the span ("$200" in "$200bn") is its own word of the window
    kept_before = " ".join(before[-(words + 1):]) if before != [""] else ""
    kept_after = " ".join(after[: words + 1]) if after != [""] else ""
    return f"{kept_before}[{span}]{kept_after}".strip()


def claim_key(claim: Claim) -> str:
    """A claim's identity: its document and its windowed text."""
    return f"{claim.doc}{_SEPARATOR}{claim_window(claim)}"


def fingerprint(rule: str, claims: Sequence[Claim]) -> str:
    """The id of (rule, these claims as a set): ``FL001-`` and 12 hex digits of a sha256.

    The claims are taken as a set, so a pair keeps its id when a newcomer tips the vote as to which
    of the two is the wrong one.
    """
    keys = sorted({claim_key(c) for c in claims})
    digest = hashlib.sha256(_SEPARATOR.join([rule, *keys]).encode("utf-8")).hexdigest()
    return f"{rule}-{digest[:12]}"


def identities(rule: str, claims: Sequence[Claim], identity: Identity = "pairs") -> list[str]:
    """The finding's identities: one per (first, other) pair, in the order of ``claims[1:]``, or
    one for the whole finding."""
    if not claims:
        return []
    if identity == "first" or len(claims) == 1:
        return [fingerprint(rule, claims[:1])]
    if identity == "all":
        return [fingerprint(rule, claims)]
    return [fingerprint(rule, [claims[0], other]) for other in claims[1:]]


def legacy_fingerprint(rule: str, claims: Sequence[Claim]) -> str:
    """The id findings had before identities were per pair (rule + documents + claim texts and
    whole sentences); read only, so verdicts recorded under it still apply."""
    docs = sorted({c.doc for c in claims})

    def old(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip().lower()

    parts = [rule, *docs, *(f"{c.doc}|{old(c.text)}|{old(c.sentence)}" for c in claims)]
    return f"{rule}-{hashlib.sha256(chr(31).join(parts).encode()).hexdigest()[:12]}"


def describe(claim: Claim) -> str:
    return f"{value_text(claim)} ({quoted_place(claim)})"


def make_finding(
    rule: str,
    kind: str,
    claims: Sequence[Claim],
    message: str,
    severity: str = "warning",
    *,
    identity: Identity = "pairs",
) -> Finding:
    """A finding on ``claims``, the wrong one first; see the module docstring for ``identity``."""
    ids = identities(rule, claims, identity)
    return Finding(
        id=ids[0] if ids else fingerprint(rule, claims),
        rule=rule,
        kind=kind,
        severity=severity,
        message=message,
        claims=[c.id for c in claims],
        pairs=ids if identity == "pairs" and len(claims) > 1 else [],
    )


def party_named(graph: ClaimGraph, claim: Claim, parties: frozenset[str]) -> list[Claim]:
    """Claims spanning where ``claim``'s sentence names each of ``parties`` (canonical ids), so that
    a finding about who a figure belongs to points at the name as well as the figure (in JSON, for
    tools that locate a finding by its claims' spans); kept in
    ``graph.pointers`` (the JSON report lists the surviving findings' with the extracted claims;
    the other reports show a finding's stated claims only). A party known only as the figure's
    subject has no span of its own."""
    named = []
    for entity in claim.entities:
        if entity.implied or entity.start is None or entity.end is None or graph.canonical(entity.id) not in parties:
            continue
        pointer = Claim(
            id=f"{claim.id}{POINTER_MARK}{entity.start}", doc=claim.doc, start=entity.start, end=entity.end,
            line=claim.line, text=entity.text, sentence=claim.sentence, kind="event", metric="party-named",
            entities=[entity], modality=claim.modality,
        )
        graph.pointers.setdefault(pointer.id, pointer)
        named.append(graph.pointers[pointer.id])
    return named


def quoted_place(claim: Claim) -> str:
    """Where a claim stands, with its words cut to 60 characters: 'doc:12: "..."'."""
    text = claim.text if len(claim.text) <= 60 else claim.text[:57].rstrip() + "..."
    return f"{claim.doc}:{claim.line}: \"{text}\""


def party_in_role(graph: ClaimGraph, claim: Claim, role: str) -> str | None:
    """The (canonical) entity a relation claim names in ``role``."""
    return next((graph.canonical(e.id) for e in claim.entities if e.role == role), None)


AGREEING_SOURCES = 2
"""The other documents that must all name one party before a claim naming another is its odd one."""


def lone_party(graph: ClaimGraph, claim: Claim, claims: Sequence[Claim], party: Callable[[Claim], str | None],
               comparable: Callable[[Claim, Claim], bool] = lambda a, b: True) -> tuple[str, list[Claim]] | None:
    """For a relation claim among ``claims`` (one person's posts, one place's rankings): when the
    claims of at least ``AGREEING_SOURCES`` other documents telling its story all name one party,
    and it names another that none of them names while its own document never gives theirs,
    (their party, their claims that name it); else None."""
    mine = party(claim)
    others = [o for o in claims if o.doc != claim.doc and graph.one_story(o.doc, claim.doc) and comparable(o, claim)]
    by_doc: dict[str, set] = defaultdict(set)
    for other in others:
        by_doc[other.doc].add(party(other))
    if len(by_doc) < AGREEING_SOURCES:
        return None
    agreed = set.intersection(*by_doc.values())
    if mine in set.union(*by_doc.values()) or len(agreed) != 1:
        return None
    theirs = next(iter(agreed))
    if any(party(c) == theirs for c in claims if c.doc == claim.doc):
        return None
    return theirs, [o for o in others if party(o) == theirs]
