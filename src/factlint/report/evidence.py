"""Evidence shared by every report: the quote of a claim, where it is, and its value as words.

Every finding must explain itself (DESIGN.md): both quotes, both locations, the normalised values.
The renderers build those three things from here so that the terminal table, the Markdown review
file, CSV, SARIF and GitHub annotations all say the same thing in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from factlint.models import CheckResult, Claim, DateRef, Document, Finding, Quantity, pointed_from

# Short scale words, largest first; a value is shown in the largest one it reaches.
SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))

# Date kinds that are a bound rather than a point; shown before the value ("by 2030").
DATE_KIND_WORDS = {"since": "since", "by": "by", "until": "until"}

_WHITESPACE = re.compile(r"\s+")

DEFAULT_QUOTE_WIDTH = 240


# ---------------------------------------------------------------- lookups


def claims_by_id(result: CheckResult) -> dict[str, Claim]:
    return {claim.id: claim for claim in result.claims}


def documents_by_id(documents: Iterable[Document] | Mapping[str, Document]) -> dict[str, Document]:
    if isinstance(documents, Mapping):
        return dict(documents)
    return {document.id: document for document in documents}


def finding_claims(finding: Finding, claims: Mapping[str, Claim]) -> list[Claim]:
    """The finding's claims in the finding's order (the wrong one first), skipping unknown ids and
    the claims past its pairs', which only point at where its words stand (``Finding.pairs``)."""
    return [claims[claim_id] for claim_id in finding.stated() if claim_id in claims]


def ordered_findings(result: CheckResult) -> list[Finding]:
    """Findings in reading order: by the first claim's document and line, then by id.

    The id breaks ties so the order does not depend on the order the checks ran in. Findings whose
    claims are all unknown go last.
    """
    claims = claims_by_id(result)

    def key(finding: Finding) -> tuple:
        evidence = finding_claims(finding, claims)
        if not evidence:
            return (1, "", 0, 0, finding.id)
        first = evidence[0]
        return (0, first.doc, first.line, first.start, finding.id)

    return sorted(result.findings, key=key)


# ---------------------------------------------------------------- where


def document_path(doc_id: str, documents: Mapping[str, Document]) -> str:
    """The document's path as the check read it; the id when the document is not listed."""
    document = documents.get(doc_id)
    return document.path if document is not None else doc_id


def location(claim: Claim, documents: Iterable[Document] | Mapping[str, Document]) -> str:
    """``path:line`` of a claim, the form editors and terminals turn into a link."""
    return f"{document_path(claim.doc, documents_by_id(documents))}:{claim.line}"


def doc_location(claim: Claim) -> str:
    """``doc-id:line``: like :func:`location` but independent of where the check was run from."""
    return f"{claim.doc}:{claim.line}"


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, counting lines by ``\\n`` as files are read."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def claim_columns(claim: Claim, text: str | None) -> tuple[int, int | None] | None:
    """1-based (start column, end column exclusive) of the claim on its line, when it can be trusted.

    Returns None without the document text, when the offsets fall outside it, when the text there
    is not the claim's text, or when the claim's line number disagrees with the text (a different
    line counting would otherwise point at the wrong column). A claim that runs over a line break
    has no end column.
    """
    if text is None or not (0 <= claim.start <= claim.end <= len(text)):
        return None
    if text[claim.start : claim.end] != claim.text:
        return None
    line, start_column = line_column(text, claim.start)
    if line != claim.line:
        return None
    if line == 1 and text.startswith("\ufeff"):
        start_column -= 1  # editors do not count a byte-order mark as a column
    span = text[claim.start : claim.end]
    end_column = start_column + len(span) if "\n" not in span else None
    return start_column, end_column


# ---------------------------------------------------------------- what it says


def collapse_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def quote_parts(claim: Claim, width: int = DEFAULT_QUOTE_WIDTH) -> tuple[str, str, str]:
    """The claim's sentence as (before, claim text, after), whitespace collapsed, cut to ``width``.

    A long sentence is cut around the claim with an ellipsis on the side that was cut, so the
    figure stays visible. When the claim text cannot be found in the sentence, the whole quote is
    in ``before``.
    """
    sentence = collapse_whitespace(claim.sentence or claim.text)
    span = collapse_whitespace(claim.text)
    at = sentence.find(span) if span else -1
    if at < 0:
        return (_cut(sentence, width), "", "")
    before, after = sentence[:at], sentence[at + len(span) :]
    room = max(width - len(span), 0)
    half = room // 2
    keep_before = min(len(before), half + max(room - half - len(after), 0))
    keep_after = min(len(after), room - keep_before)
    if keep_before < len(before):
        before = "…" + before[len(before) - keep_before :].lstrip()
    if keep_after < len(after):
        after = after[:keep_after].rstrip() + "…"
    return before, span, after


def quote(claim: Claim, width: int = DEFAULT_QUOTE_WIDTH) -> str:
    """The claim's sentence, whitespace collapsed, cut around the claim when longer than ``width``."""
    return "".join(quote_parts(claim, width))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


def format_number(number: float) -> str:
    """A number as a reader writes it: 6.4e9 -> "6.4 billion", 38000 -> "38,000", 16.5 -> "16.5"."""
    magnitude = abs(number)
    for scale, word in SCALE_WORDS:
        if magnitude >= scale:
            return f"{number / scale:,.6g} {word}"
    text = f"{number:,.6g}"
    if "e" in text and magnitude >= 1:  # 999,999.5 rounds up to "1e+06" at six digits
        text = f"{number:,.0f}"
    return "0" if text == "-0" else text


def unit_text(quantity: Quantity) -> str:
    """The unit after the number: the ISO code for money, "%" for percentages, else the unit name."""
    if quantity.currency:
        return quantity.currency
    if quantity.dimension == "percentage" or quantity.unit in ("percentage", "percent"):
        return "%"
    return quantity.unit


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def quantity_text(quantity: Quantity) -> str:
    """The quantity's normalised value with the interval its wording commits to.

    "over $200 billion" -> "over 200 billion USD"; "16 to 17 bcm" -> "16 to 17 cubic metre";
    "about 16.5" -> "about 16.5"; "rose 3%" -> "up 3%". Falls back to the text as written when
    no value was read.
    """
    unit = unit_text(quantity)
    low, high, value = quantity.low, quantity.high, quantity.value
    qualifier = (quantity.qualifier or "").strip()
    is_range = low is not None and high is not None and low != high
    if is_range and qualifier in ("", "between", "from"):
        joiner = " and " if qualifier == "between" else " to "
        prefix = "between " if qualifier == "between" else ""
        core = prefix + _with_unit(f"{format_number(low)}{joiner}{format_number(high)}", unit)
    else:
        number = value if value is not None else (low if low is not None else high)
        if number is None:
            return collapse_whitespace(quantity.text)
        core = _with_unit(format_number(number), unit)
        if qualifier:
            core = f"{qualifier} {core}"
    if quantity.change:
        core = f"{quantity.change} {core}"
    return core


def date_text(date: DateRef) -> str:
    """A date as normalised ("2019-12", "by 2030"); the text as written when it did not resolve."""
    if date.value is None:
        return collapse_whitespace(date.text)
    word = DATE_KIND_WORDS.get(date.kind)
    return f"{word} {date.value}" if word else date.value


def value_text(claim: Claim) -> str:
    """What the claim asserts, normalised: the quantity or the date, with the period it is about.

    "6.4 billion cubic metre (2023)", "over 200 billion USD", "2019-12".
    """
    if claim.quantity is not None:
        text = quantity_text(claim.quantity)
    elif claim.date is not None:
        text = date_text(claim.date)
    else:
        text = collapse_whitespace(claim.text)
    if claim.period is not None and claim.period.value is not None and claim.period != claim.date:
        text = f"{text} ({date_text(claim.period)})"
    return text


def values_text(claims: Iterable[Claim]) -> str:
    """The values of a finding's claims side by side: "42 million USD vs 4.2 million USD"."""
    return " vs ".join(value_text(claim) for claim in claims)


def extracted_claim_count(result: CheckResult) -> int:
    """How many claims the articles gave: not the pointer claims findings made (``Finding.pairs``)."""
    return sum(1 for claim in result.claims if pointed_from(claim.id) is None)


def summary_counts(result: CheckResult) -> str:
    """"3 documents, 6 claims, 3 findings (2 unreviewed)" plus unreadable files when any."""
    unreviewed = sum(1 for finding in result.findings if finding.status == "new")
    parts = [
        _plural(len(result.documents), "document"),
        _plural(extracted_claim_count(result), "claim"),
        f"{_plural(len(result.findings), 'finding')} ({unreviewed} unreviewed)",
    ]
    if result.errors:
        parts.append(f"{_plural(len(result.errors), 'file')} not checked")
    return ", ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
