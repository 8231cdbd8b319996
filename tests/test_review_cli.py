"""`factlint review` keeps claims/CONTRADICTIONS.md in step with the verdict it records."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from factlint.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_review_updates_the_table_status_and_note(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["check", "seeds", "-q"]).exit_code == 1
    table = (tmp_path / "claims" / "CONTRADICTIONS.md").read_text(encoding="utf-8")
    first = next(line for line in table.splitlines() if line.startswith("| `FL"))
    finding_id = first.split("`")[1]
    assert "| new |" in first

    result = runner.invoke(app, ["review", finding_id, "false-alarm", "--note", "checked by hand"])
    assert result.exit_code == 0, result.output
    row = next(line for line in (tmp_path / "claims" / "CONTRADICTIONS.md").read_text(encoding="utf-8").splitlines()
               if finding_id in line)
    assert "| false-alarm |" in row and "checked by hand" in row

    assert runner.invoke(app, ["review", "FL999-000000000000", "accepted"]).exit_code == 2
