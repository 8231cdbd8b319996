"""Each rule's documentation, read from its check module's docstring (one source for every place).

A check module's docstring is laid out as sqlfluff's rule docstrings are::

    FL001 value-conflict / scale-slip: one line saying what the rule finds.

    Paragraphs saying how it decides.

    Why: what a reader loses when such a finding goes unnoticed.

    Verdict: which review status usually fits, and when another does.

    Fails (an optional note)::

        a.txt: text of one article
        b.txt: text of another

    Passes (an optional note)::

        a.txt: ...

An example line ``name.txt: text`` is one article; lines without a file name form one article,
``a.txt``. ``factlint rule``, the SARIF rule help and the rule-example test all read this.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache
from dataclasses import dataclass, field
from types import ModuleType

_HEADING = re.compile(r"^(?P<code>[A-Z]+\d+)\s+(?P<kinds>[^:]+):\s*(?P<summary>.+)$")
_EXAMPLE = re.compile(r"^(?P<label>Fails|Passes)\s*(?:\((?P<note>[^)]*)\))?\s*::\s*$")
_SECTION = re.compile(r"^(?P<label>Why|Verdict):\s*(?P<text>.*)$")
_DOCUMENT_LINE = re.compile(r"^(?P<name>[\w.-]+\.(?:txt|md)):\s?(?P<text>.*)$")
DEFAULT_DOCUMENT = "a.txt"


@dataclass(frozen=True)
class Example:
    note: str | None
    documents: dict[str, str]
    """File name -> article text."""


@dataclass(frozen=True)
class RuleDoc:
    code: str
    kinds: str
    summary: str
    description: str = ""
    why: str = ""
    verdict: str = ""
    fails: list[Example] = field(default_factory=list)
    passes: list[Example] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.code} {self.kinds}: {self.summary}"


def parse_rule_doc(docstring: str) -> RuleDoc:
    """The documentation in a check module's docstring; ValueError when its first line is not
    ``CODE kinds: summary``."""
    lines = (docstring or "").strip("\n").splitlines()
    heading = _HEADING.match(lines[0].strip()) if lines else None
    if heading is None:
        raise ValueError(f"a rule docstring starts with 'CODE kinds: summary', got {lines[:1]!r}")
    summary_lines = [heading["summary"].strip()]
    rest = lines[1:]
    while rest and rest[0].strip():  # the summary may wrap onto following lines
        summary_lines.append(rest.pop(0).strip())
    description: list[str] = []
    sections: dict[str, list[str]] = {"Why": [], "Verdict": []}
    examples: dict[str, list[Example]] = {"Fails": [], "Passes": []}
    current: list[str] = description
    i = 0
    while i < len(rest):
        line = rest[i]
        example = _EXAMPLE.match(line.strip())
        section = _SECTION.match(line.strip())
        if example:
            block, i = _indented_block(rest, i + 1)
            examples[example["label"]].append(Example(note=example["note"], documents=_documents(block)))
            current = description
            continue
        if section:
            current = sections[section["label"]]
            current.append(section["text"])
        elif not line.strip():
            current.append("")
            current = description
        else:
            current.append(line.strip())
        i += 1
    return RuleDoc(
        code=heading["code"],
        kinds=" ".join(heading["kinds"].split()),
        summary=" ".join(summary_lines),
        description=_paragraphs(description),
        why=_paragraphs(sections["Why"]),
        verdict=_paragraphs(sections["Verdict"]),
        fails=examples["Fails"],
        passes=examples["Passes"],
    )


def _indented_block(lines: list[str], start: int) -> tuple[list[str], int]:
    """The literal block after ``::``: the indented lines (blank lines inside it kept)."""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    block = []
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
        block.append(lines[i].strip())
        i += 1
    while block and not block[-1]:
        block.pop()
    return block, i


def _documents(block: list[str]) -> dict[str, str]:
    documents: dict[str, str] = {}
    name = None
    for line in block:
        if not line:
            continue
        match = _DOCUMENT_LINE.match(line)
        if match:
            name = match["name"]
            documents[name] = (documents.get(name, "") + "\n" + match["text"]).strip("\n")
        else:
            name = name or DEFAULT_DOCUMENT
            documents[name] = (documents.get(name, "") + "\n" + line).strip("\n")
    return {name: text + "\n" for name, text in documents.items()}


def _paragraphs(lines: list[str]) -> str:
    """Lines joined into paragraphs (a blank line between paragraphs), whitespace tidied."""
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current).replace("``", "`"))  # reST literals read as Markdown ones
            current = []
    return "\n\n".join(paragraphs)


# ---------------------------------------------------------------- the registered rules


def rule_modules() -> list[ModuleType]:
    from factlint.checks import RULES

    return list(RULES)


@lru_cache(maxsize=1)
def rule_docs() -> tuple[RuleDoc, ...]:
    """Every rule's documentation, in code order."""
    return tuple(sorted((parse_rule_doc(module.__doc__ or "") for module in rule_modules()), key=lambda doc: doc.code))


def rule_codes() -> list[str]:
    return [doc.code for doc in rule_docs()]


def rule_doc(code: str) -> RuleDoc:
    """One rule's documentation; KeyError naming the known codes when there is no such rule."""
    docs = {doc.code: doc for doc in rule_docs()}
    try:
        return docs[code.strip().upper()]
    except KeyError:
        raise KeyError(f"no rule {code!r}; rules are {', '.join(docs)}") from None


# ---------------------------------------------------------------- rendering


def _example_text(example: Example) -> str:
    if list(example.documents) == [DEFAULT_DOCUMENT]:
        return example.documents[DEFAULT_DOCUMENT].rstrip("\n")
    return "\n".join(f"{name}: {text.rstrip()}" for name, text in example.documents.items())


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


TEXT_WIDTH = 88


def _prose(text: str) -> str:
    """Paragraphs wrapped at word boundaries and indented, the first letter capitalised."""
    text = text[:1].upper() + text[1:]
    return "\n\n".join(
        textwrap.fill(paragraph, TEXT_WIDTH, initial_indent="  ", subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
        for paragraph in text.split("\n\n")
    )


def render_rule_text(doc: RuleDoc) -> str:
    """The rule as plain text for the terminal (``factlint rule CODE``)."""
    out = [doc.title, ""]
    if doc.description:
        out += ["What it finds", _prose(doc.description), ""]
    if doc.why:
        out += ["Why it matters", _prose(doc.why), ""]
    for label, examples in (("Fails", doc.fails), ("Passes", doc.passes)):
        for example in examples:
            out += [label + (f" ({example.note})" if example.note else ""), _indent(_example_text(example)), ""]
    if doc.verdict:
        out += ["Usual verdict", _prose(doc.verdict), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_rule_markdown(doc: RuleDoc) -> str:
    """The rule as Markdown (SARIF ``help.markdown``)."""
    out = [f"**{doc.code}** {doc.kinds}: {doc.summary}", ""]
    if doc.description:
        out += [doc.description, ""]
    if doc.why:
        out += [f"*Why it matters:* {doc.why}", ""]
    for label, examples in (("Fails", doc.fails), ("Passes", doc.passes)):
        for example in examples:
            out += [f"{label}" + (f" ({example.note})" if example.note else "") + ":", "", "```text", _example_text(example), "```", ""]
    if doc.verdict:
        out += [f"*Usual verdict:* {doc.verdict}", ""]
    return "\n".join(out).rstrip("\n") + "\n"
