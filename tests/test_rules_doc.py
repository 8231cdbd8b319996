"""Rule documentation: every rule's own Fails:: / Passes:: examples are run through the checker.

The failing example must raise the rule itself and no other one; the passing example must leave the
rule silent. Examples that do not behave are marked xfail(strict=True) with the rule named, so they
show up (and turn the suite red once fixed, so the mark is removed) instead of being weakened.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import factlint
from factlint.cli import app
from factlint.rules_doc import parse_rule_doc, rule_docs, render_rule_text

DOCS = rule_docs()

# Examples the checker does not yet reproduce: for the rule's owner to fix (example or rule).
KNOWN_MISBEHAVING: dict[tuple[str, str], str] = {}
"""(rule, "fails" | "passes") -> why its example does not behave yet; empty: every rule's do."""


def example_cases():
    for doc in DOCS:
        for label, examples in (("fails", doc.fails), ("passes", doc.passes)):
            for number, example in enumerate(examples):
                marks = []
                if (doc.code, label) in KNOWN_MISBEHAVING:
                    marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISBEHAVING[(doc.code, label)]))
                yield pytest.param(doc.code, label, example.documents, id=f"{doc.code}-{label}-{number}", marks=marks)


def test_every_rule_has_documentation_and_both_examples():
    from factlint.checks import RULES

    assert len(DOCS) == len(RULES)
    for doc in DOCS:
        assert doc.summary and doc.why and doc.verdict, doc.code
        assert doc.fails and doc.passes, doc.code


@pytest.mark.parametrize("code, label, documents", list(example_cases()))
def test_rule_examples(code, label, documents, tmp_path):
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for name, text in documents.items():
        (corpus / name).write_text(text, encoding="utf-8")
    fired = sorted({finding.rule for finding in factlint.check([corpus]).findings})
    if label == "fails":
        assert fired == [code], f"{code}'s failing example raised {fired or 'nothing'}"
    else:
        assert code not in fired, f"{code}'s passing example raised {code}"


def test_parse_rule_doc_sections():
    doc = parse_rule_doc(
        'FL999 demo-kind: finds a demo.\n\nHow it decides.\n\nWhy: it matters.\n\nVerdict: source-error.\n\n'
        "Fails (two articles)::\n\n    a.txt: one\n    b.txt: two\n\nPasses::\n\n    only one article\n"
    )
    assert (doc.code, doc.kinds, doc.summary) == ("FL999", "demo-kind", "finds a demo.")
    assert (doc.description, doc.why, doc.verdict) == ("How it decides.", "it matters.", "source-error.")
    assert doc.fails[0].note == "two articles"
    assert doc.fails[0].documents == {"a.txt": "one\n", "b.txt": "two\n"}
    assert doc.passes[0].documents == {"a.txt": "only one article\n"}
    with pytest.raises(ValueError):
        parse_rule_doc("no heading here")


def test_rule_command_prints_one_rule():
    result = CliRunner().invoke(app, ["rule", "fl001"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("FL001 value-conflict")
    for heading in ("What it finds", "Why it matters", "Fails", "Passes", "Usual verdict"):
        assert heading in out
    assert "b.txt: The tunnel carried 6.4m passengers in 2023." in out


def test_rule_command_all_and_unknown():
    result = CliRunner().invoke(app, ["rule", "--all"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines() if line[:2] == "FL" and line[2:5].isdigit()] == [d.code for d in DOCS]
    assert result.stdout.count("Usual verdict") == len(DOCS)
    assert render_rule_text(DOCS[0]) in result.stdout
    missing = CliRunner().invoke(app, ["rule", "FL999"])
    assert missing.exit_code == 2
    assert "FL001" in missing.stderr
    assert CliRunner().invoke(app, ["rule"]).exit_code == 2


def test_rule_command_json():
    result = CliRunner().invoke(app, ["rule", "FL005", "--format", "json"])
    assert result.exit_code == 0
    (rule,) = json.loads(result.stdout)
    assert rule["code"] == "FL005" and rule["fails"] and rule["passes"]
