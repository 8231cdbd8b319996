"""`--format sarif` validates against the SARIF 2.1.0 JSON schema kept in tests/schemas/.

Both the hand-written fixture (new and reviewed findings, an unreadable file) and a real check
of the dev corpus with a verdict recorded are validated; reviewed findings are suppressions and
unreadable files are tool execution notifications.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from factlint.cli import app
from factlint.models import CheckResult
from factlint.report.sarif import render_sarif

TESTS = Path(__file__).parent
SCHEMA = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator():
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    return jsonschema.Draft4Validator(SCHEMA)


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_fixture_report_is_valid_sarif(validator):
    result = CheckResult.model_validate_json((TESTS / "fixtures" / "check_result.json").read_text(encoding="utf-8"))
    texts = json.loads((TESTS / "fixtures" / "check_result_texts.json").read_text(encoding="utf-8"))
    log = json.loads(render_sarif(result, texts, notes={f.id: "checked by hand" for f in result.findings}))
    assert_valid(validator, log)
    run = log["runs"][0]
    assert any("suppressions" in r for r in run["results"]) and any("suppressions" not in r for r in run["results"])
    assert run["invocations"][0]["toolExecutionNotifications"]


def test_a_real_check_with_verdicts_and_an_unreadable_file_is_valid_sarif(validator, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted((TESTS / "fixtures" / "dev").glob("*.txt"))[:3]:
        shutil.copy(path, docs / path.name)
    (docs / "latin.txt").write_bytes("Caf\u00e9 exports rose 5%.\n".encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = json.loads(runner.invoke(app, ["check", "docs", "--format", "json", "-q"]).stdout)
    assert first["findings"], "the dev articles disagree somewhere"
    reviewed = first["findings"][0]["id"]
    assert runner.invoke(app, ["review", reviewed, "false-alarm", "--note", "two different things", "-q",
                               "--corpus", "docs"]).exit_code == 0
    result = runner.invoke(app, ["check", "docs", "--format", "sarif", "-q"])
    assert result.exit_code == 2  # the unreadable file
    log = json.loads(result.stdout)
    assert_valid(validator, log)
    results = {r["partialFingerprints"]["factlintFindingId/v1"]: r for r in log["runs"][0]["results"]}
    assert results[reviewed]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "false-alarm: two different things"}]
    (notification,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "latin.txt" in notification["message"]["text"]
