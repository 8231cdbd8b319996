"""The review page: every finding in context, as one self-contained HTML file.

``factlint check --format html`` writes it static (no scripts at all); ``factlint review --serve``
serves the same page with buttons that record a verdict (see ``factlint.review_server``).

Every piece of article text goes through :func:`html.escape`, and the page forbids scripts other
than its own by Content-Security-Policy, so markup in an article (``<script>``) is shown, never run.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from factlint.models import CheckResult, Claim, Cluster, Document, Finding
from factlint.report.evidence import (
    claims_by_id,
    documents_by_id,
    finding_claims,
    location,
    ordered_findings,
    quote_parts,
    summary_counts,
    value_text,
)
from factlint.report.safe_text import escape_controls
from factlint.review import STATUSES, UNREVIEWED, Verdicts, note_of

PARAGRAPH_WIDTH = 1200
"""Longest paragraph shown whole; a longer one is cut around the claim."""

STATUS_TITLES = {
    "new": "Unreviewed",
    "source-error": "Source error (the article is wrong)",
    "false-alarm": "False alarm (factlint is wrong)",
    "accepted": "Accepted (known, left as is)",
}
VERDICT_BUTTONS = ("source-error", "false-alarm", "accepted", "new")
SAMENESS_FIELDS = ("metric", "subject", "entities", "period", "modality", "modifiers")
"""The claim descriptors that decide whether two claims state the same fact (DESIGN.md)."""
FRAME_FIELDS = ("measure", "places", "as_of", "running", "revised", "attribution")
"""The claim frame's descriptors (``Claim.frame``), shown when the claims carry one."""
EXPLANATION_FIELDS = ("evidence", "sameness")
"""Fields the clustering may attach to a finding or claim to explain the match; shown when present."""

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f6f6f4}
header{background:#24292f;color:#fff;padding:12px 24px}
header h1{font-size:18px;margin:0}
header p{margin:4px 0 0;color:#d0d7de}
nav{padding:8px 24px;background:#eaeef2;border-bottom:1px solid #d0d7de}
nav a{margin-right:14px;color:#0550ae}
main{padding:8px 24px 48px;max-width:1100px}
h2{margin:28px 0 8px;font-size:17px}
h3{margin:18px 0 6px;font-size:15px;color:#57606a}
article.finding{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:10px 0}
article.finding header{background:none;color:inherit;padding:0;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.rule{font-weight:600}
.id{font-family:ui-monospace,monospace;color:#57606a;font-size:13px}
.badge{border-radius:10px;padding:1px 8px;font-size:12px;background:#eaeef2}
.badge.new{background:#ffebe9;color:#a40e26}
.badge.source-error{background:#fff8c5;color:#7d4e00}
.badge.false-alarm{background:#eaeef2;color:#57606a}
.badge.accepted{background:#dafbe1;color:#116329}
.message{margin:8px 0}
.claims{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:10px}
.claim{border-left:4px solid #d0d7de;padding:4px 10px;background:#fafbfc}
.claim.first{border-left-color:#cf222e}
.where{font-family:ui-monospace,monospace;font-size:13px}
.value{font-weight:600}
.paragraph{white-space:pre-wrap;margin:6px 0;font-size:14px}
mark{background:#ffe58f;padding:0 2px}
table.same{border-collapse:collapse;font-size:13px;margin:8px 0}
table.same td,table.same th{border:1px solid #d0d7de;padding:2px 8px;text-align:left;vertical-align:top}
.timeline{font-size:13px}
.note{color:#57606a;font-style:italic}
.hint{color:#57606a;font-size:13px;margin:4px 0 8px}
.review{margin-top:10px;display:flex;gap:6px;flex-wrap:wrap;align-items:center}
.review input{flex:1;min-width:200px;padding:4px}
.review button{padding:4px 10px;cursor:pointer}
.saved{color:#116329;font-size:13px}
"""

SCRIPT = """
document.querySelectorAll('form.review').forEach(function (form) {
  form.querySelectorAll('button[data-status]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      event.preventDefault();
      var finding = form.getAttribute('data-finding');
      var note = form.querySelector('input[name=note]').value;
      var saved = form.querySelector('.saved');
      saved.textContent = 'saving…';
      fetch('verdict?token=' + encodeURIComponent(document.body.getAttribute('data-token')), {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({finding: finding, status: button.getAttribute('data-status'), note: note || null})
      }).then(function (response) {
        return response.json().then(function (body) { return {ok: response.ok, body: body}; });
      }).then(function (reply) {
        if (!reply.ok) { saved.textContent = 'not saved: ' + reply.body.error; return; }
        var badge = document.getElementById('status-' + finding);
        badge.textContent = reply.body.status;
        badge.className = 'badge ' + reply.body.status;
        saved.textContent = 'saved as ' + reply.body.status;
      }).catch(function (error) { saved.textContent = 'not saved: ' + error; });
    });
  });
});
"""


def e(value: Any) -> str:
    """Escaped text for element content and quoted attribute values."""
    return html.escape(escape_controls("" if value is None else str(value)), quote=True)


# ---------------------------------------------------------------- claim in context


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines) holding ``start:end``."""
    before = text.rfind("\n\n", 0, start)
    after = text.find("\n\n", end)
    return (0 if before < 0 else before + 2), (len(text) if after < 0 else after)


def claim_in_context(claim: Claim, text: str | None) -> str:
    """The claim's paragraph as HTML, the claim itself in ``<mark>``; the sentence when the article
    text is not at hand or no longer matches the claim's offsets."""
    if text is not None and 0 <= claim.start <= claim.end <= len(text) and text[claim.start : claim.end] == claim.text:
        low, high = paragraph_bounds(text, claim.start, claim.end)
        before, after = text[low : claim.start], text[claim.end : high]
        room = max(PARAGRAPH_WIDTH - (claim.end - claim.start), 0) // 2
        if len(before) > room:
            before = "…" + before[len(before) - room :]
        if len(after) > room:
            after = after[:room] + "…"
        return f"{e(before.lstrip())}<mark>{e(claim.text)}</mark>{e(after.rstrip())}"
    before, span, after = quote_parts(claim)
    return f"{e(before)}<mark>{e(span)}</mark>{e(after)}"


def _descriptor(claim: Claim, name: str) -> str:
    if name in FRAME_FIELDS:
        frame = getattr(claim, "frame", None)
        value = getattr(frame, name, None) if frame is not None else None
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return ", ".join(map(str, value)) or "—"
        return str(value) if value not in (None, "") else "—"
    value = getattr(claim, name, None)
    if name == "entities":
        return ", ".join(f"{ent.text} ({ent.role})" if ent.role else ent.text for ent in value or []) or "—"
    if name == "period":
        return value.value if value is not None and value.value else "—"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "—"
    return str(value) if value not in (None, "") else "—"


def _extra(record: Any, names: tuple[str, ...]) -> dict[str, Any]:
    data = record.model_dump() if hasattr(record, "model_dump") else {}
    return {name: data[name] for name in names if data.get(name) not in (None, "", [], {})}


def _render_value(value: Any) -> str:
    if isinstance(value, Mapping):
        return "<ul>" + "".join(f"<li>{e(k)}: {_render_value(v)}</li>" for k, v in value.items()) + "</ul>"
    if isinstance(value, (list, tuple)):
        return "<ul>" + "".join(f"<li>{_render_value(v)}</li>" for v in value) + "</ul>"
    return e(value)


def sameness_table(claims: list[Claim]) -> str:
    """The descriptors of each claim side by side: why they were taken as one fact."""
    head = "".join(f"<th>{e(claim.doc)}:{e(claim.line)}</th>" for claim in claims)
    names = SAMENESS_FIELDS + (FRAME_FIELDS if any(getattr(c, "frame", None) is not None for c in claims) else ())
    rows = "".join(
        f"<tr><th>{e(name.replace('_', ' '))}</th>" + "".join(f"<td>{e(_descriptor(claim, name))}</td>" for claim in claims) + "</tr>"
        for name in names
    )
    return f'<table class="same"><tr><th></th>{head}</tr>{rows}</table>'


def timeline_html(cluster: Cluster, claims: Mapping[str, Claim], documents: Mapping[str, Document]) -> str:
    timeline = getattr(cluster, "timeline", None)
    if not timeline:
        return ""
    items = []
    for entry in timeline:
        if hasattr(entry, "model_dump"):  # a TimelinePoint: claim id, as-of day, value as written
            entry = entry.model_dump()
        claim = claims.get(entry) if isinstance(entry, str) else None
        if claim is None and isinstance(entry, Mapping) and isinstance(entry.get("claim"), str):
            claim = claims.get(entry["claim"])
        if claim is not None:
            doc = documents.get(claim.doc)
            when = (entry.get("as_of") if isinstance(entry, Mapping) else None) or (doc.date if doc else None) or "undated"
            written = entry.get("value") if isinstance(entry, Mapping) else None
            items.append(f"<li>{e(when)}: <span class=\"value\">{e(value_text(claim))}</span>"
                         + (f" (“{e(written)}”)" if written else "")
                         + f" <span class=\"where\">{e(location(claim, documents))}</span></li>")
        else:
            items.append(f"<li>{_render_value(entry)}</li>")
    return f'<div class="timeline"><h4>Timeline of {e(cluster.metric)}</h4><ol>{"".join(items)}</ol></div>'


# ---------------------------------------------------------------- the page


def _verdict_hint(rule: str) -> str:
    """The rule's own "Verdict:" line (``factlint rule CODE``), when it has one."""
    from factlint.rules_doc import rule_doc

    try:
        return rule_doc(rule).verdict
    except KeyError:
        return ""


def _finding_html(
    finding: Finding,
    claims: Mapping[str, Claim],
    documents: Mapping[str, Document],
    texts: Mapping[str, str],
    clusters: list[Cluster],
    verdicts: Verdicts,
    interactive: bool,
) -> str:
    evidence = finding_claims(finding, claims)
    parts = [
        f'<article class="finding" id="finding-{e(finding.id)}" data-finding="{e(finding.id)}" data-rule="{e(finding.rule)}">',
        "<header>"
        f'<span class="rule">{e(finding.rule)} {e(finding.kind)}</span>'
        f'<span class="badge {e(finding.status)}" id="status-{e(finding.id)}">{e(finding.status)}</span>'
        f'<span class="badge">{e(finding.severity)}</span>'
        f'<span class="id">{e(finding.id)}</span>'
        "</header>",
        f'<p class="message">{e(finding.message)}</p>',
    ]
    hint = _verdict_hint(finding.rule)
    if hint:
        parts.append(f'<p class="hint">Usual verdict ({e(finding.rule)}): {e(hint)}</p>')
    note = note_of(finding, verdicts)
    if note:
        parts.append(f'<p class="note">Reviewer’s note: {e(note)}</p>')
    parts.append('<div class="claims">')
    for number, claim in enumerate(evidence):
        parts.append(
            f'<div class="claim{" first" if number == 0 else ""}">'
            f'<div><span class="where">{e(location(claim, documents))}</span> · '
            f'<span class="value">{e(value_text(claim))}</span></div>'
            f'<p class="paragraph">{claim_in_context(claim, texts.get(claim.doc))}</p>'
            + "".join(f"<div>{e(k)}: {_render_value(v)}</div>" for k, v in _extra(claim, EXPLANATION_FIELDS).items())
            + "</div>"
        )
    parts.append("</div>")
    why = _extra(finding, EXPLANATION_FIELDS)
    if len(evidence) > 1 or why:
        # the clustering's own account (Finding.sameness) first, open; then the descriptors side by side
        parts.append(f'<details class="why"{" open" if why else ""}><summary>Why these were taken as the same fact</summary>')
        parts += [f'<div class="why-{e(k)}">{_render_value(v)}</div>' for k, v in why.items()]
        if len(evidence) > 1:
            parts.append(sameness_table(evidence))
        parts.append("</details>")
    ids = set(finding.claims)
    parts += [timeline_html(c, claims, documents) for c in clusters if ids & set(c.claims)]
    if interactive:
        buttons = "".join(
            f'<button type="button" data-status="{status}">{"reset to new" if status == UNREVIEWED else status}</button>'
            for status in VERDICT_BUTTONS
        )
        parts.append(
            f'<form class="review" data-finding="{e(finding.id)}">'
            f'<input name="note" placeholder="note (why)" value="{e(note or "")}">{buttons}<span class="saved"></span></form>'
        )
    parts.append("</article>")
    return "".join(parts)


def render_html(
    result: CheckResult,
    texts: Mapping[str, str] | None = None,
    verdicts: Verdicts | None = None,
    *,
    token: str | None = None,
    nonce: str | None = None,
) -> str:
    """The review page. Static (no script) unless ``token`` and ``nonce`` are given, in which case
    the page carries the verdict buttons and posts to ``verdict?token=...`` on its own origin."""
    texts, verdicts = texts or {}, verdicts or {}
    interactive = token is not None and nonce is not None
    claims = claims_by_id(result)
    documents = documents_by_id(result.documents)
    findings = ordered_findings(result)
    script_policy = f"'nonce-{nonce}'" if interactive else "'none'"
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_policy}; connect-src 'self'; img-src 'self' data:"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',  # our constant and a url-safe nonce
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>factlint review</title>",
        f"<style>{STYLE}</style></head>",
        f'<body data-token="{e(token or "")}">',
        f"<header><h1>factlint review</h1><p>{e(summary_counts(result))}</p></header>",
    ]
    by_status = {status: [f for f in findings if f.status == status] for status in STATUSES}
    rules = sorted({f.rule for f in findings})
    out.append("<nav>" + "".join(f'<a href="#status-{s}">{e(STATUS_TITLES.get(s, s))} ({len(by_status[s])})</a>' for s in STATUSES)
               + " | " + "".join(f'<a href="#rule-{e(r)}">{e(r)} ({sum(f.rule == r for f in findings)})</a>' for r in rules) + "</nav>")
    out.append("<main>")
    if not findings:
        out.append("<p>No contradictions found.</p>")
    for error in result.errors:
        out.append(f'<p class="error">Not checked: {e(error.path)}: {e(error.reason)}</p>')
    seen_rules: set[str] = set()
    for status in STATUSES:
        group = by_status[status]
        out.append(f'<section id="status-{status}" data-status="{status}"><h2>{e(STATUS_TITLES.get(status, status))} ({len(group)})</h2>')
        for rule in sorted({f.rule for f in group}):
            anchor = "" if rule in seen_rules else f' id="rule-{e(rule)}"'
            seen_rules.add(rule)
            out.append(f"<h3{anchor}>{e(rule)}</h3>")
            out += [
                _finding_html(f, claims, documents, texts, result.clusters, verdicts, interactive)
                for f in group
                if f.rule == rule
            ]
        out.append("</section>")
    out.append("</main>")
    if interactive:
        out.append(f'<script nonce="{e(nonce)}">{SCRIPT}</script>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
