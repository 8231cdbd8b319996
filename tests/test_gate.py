"""The CI gate (issue 7), end to end in a temporary git repository, as a contributor meets it.

A repository holds three articles about one tunnel, their claims and a reviewed finding (one
article misdates the opening). A contributor adds an article that contradicts two existing claims
(the 2023 passenger figure and the opening year) without running factlint or committing claims/:

- ``--ci`` exits 1, and ``--format github`` has exactly one ``::error`` on the new file at each
  contradicting line and none on any other file;
- every earlier verdict keeps its status;
- after ``factlint review`` of the new findings, ``--ci`` exits 0;
- a clean new article passes ``--ci`` with nothing else committed.

The articles follow the checks' own documented examples (a figure that disagrees, a start year).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factlint.cli import app

FACTLINT = Path(sys.executable).with_name("factlint")

ARTICLES = {
    "harbour-daily.txt": "March 2, 2024\nTunnel traffic keeps growing\n\n"
    "The Harbour tunnel carried 4.9 million passengers in 2023.\n\n"
    "The tunnel, which began operations in 2016, links the two ports.\n",
    "city-review.txt": "March 9, 2024\nA year of records for the Harbour tunnel\n\n"
    "The Harbour tunnel carried 4.9 million passengers in 2023, the city said.\n\n"
    "The Harbour tunnel began operations in 2016 after six years of works.\n",
    "port-notes.txt": "April 1, 2024\nPort notes\n\nThe Harbour tunnel has been operating since 2018.\n",
}
NEW_ARTICLE = (
    "May 5, 2024\nNew figures\n\n"
    "Officials said the Harbour tunnel carried 6.4 million passengers in 2023.\n\n"
    "The Harbour tunnel began operations in 2014.\n"
)
NEW_LINES = {4, 6}
CLEAN_ARTICLE = "The weather in Oslo was mild.\n"


def factlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    return subprocess.run([str(FACTLINT), *args], capture_output=True, text=True, cwd=cwd, timeout=300, env=env)


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def findings(cwd: Path) -> list[dict]:
    result = invoke("check", "seeds", "--ci", "--quiet", "--format", "json")
    return json.loads(result.stdout)["findings"]


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> Path:
    """A git repository with seeds/, claims/ and one reviewed finding, all committed."""
    repo = tmp_path_factory.mktemp("gate-repo")
    git("init", "-q", cwd=repo)
    git("config", "user.email", "gate@example.org", cwd=repo)
    git("config", "user.name", "gate", cwd=repo)
    for name, text in ARTICLES.items():
        (repo / "seeds").mkdir(exist_ok=True)
        (repo / "seeds" / name).write_text(text, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        assert invoke("check", "seeds", "--quiet").exit_code == 1
        reviewed = invoke("review", "--all-new", "source-error", "--note", "the tunnel opened in 2016", "--quiet")
        assert reviewed.exit_code == 0, reviewed.stderr
        assert invoke("check", "seeds", "--quiet").exit_code == 0
    finally:
        os.chdir(cwd)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "corpus, claims and verdicts", cwd=repo)
    return repo


@pytest.fixture()
def repo(committed, tmp_path, monkeypatch) -> Path:
    clone = tmp_path / "clone"
    shutil.copytree(committed, clone)
    monkeypatch.chdir(clone)
    return clone


def test_the_committed_corpus_passes_and_has_reviewed_findings(repo):
    before = findings(repo)
    assert before and {f["status"] for f in before} == {"source-error"}
    assert invoke("check", "seeds", "--ci", "--quiet").exit_code == 0


def test_a_contradicting_article_fails_at_its_own_lines_then_passes_once_reviewed(repo):
    before = {f["id"]: f["status"] for f in findings(repo)}
    verdicts_before = json.loads((repo / "claims" / "verdicts.json").read_text(encoding="utf-8"))
    (repo / "seeds" / "new-report.txt").write_text(NEW_ARTICLE, encoding="utf-8")

    gate = factlint("check", "seeds", "--ci", "--format", "github", cwd=repo)
    assert gate.returncode == 1, gate.stderr
    annotations = [line for line in gate.stdout.splitlines() if line.startswith("::error")]
    places = [re.match(r"::error file=([^,]+),line=(\d+)", line).groups() for line in annotations]
    assert sorted(places) == sorted(("seeds/new-report.txt", str(n)) for n in NEW_LINES)
    assert "note:" in gate.stderr  # the new article's claims were a cache miss, not a failure

    after = {f["id"]: f["status"] for f in findings(repo)}
    assert {i: after.get(i) for i in before} == before, "every earlier verdict keeps its status"
    assert json.loads((repo / "claims" / "verdicts.json").read_text(encoding="utf-8")) == verdicts_before
    assert git("status", "--porcelain", cwd=repo).split() == ["??", "seeds/new-report.txt"], "--ci writes nothing"

    new_ids = [i for i, status in after.items() if status == "new"]
    listed = invoke("review", "--list", "--status", "new", "--quiet").stdout
    assert sorted(line.split("\t")[0] for line in listed.splitlines()) == sorted(new_ids)
    # lower case and shortened: any unique prefix names a finding
    reviewed = invoke("review", *(i[:10].lower() for i in new_ids), "source-error", "--note", "the new report is wrong")
    assert reviewed.exit_code == 0, reviewed.stderr

    assert factlint("check", "seeds", "--ci", "--quiet", cwd=repo).returncode == 0
    final = {f["id"]: f["status"] for f in findings(repo)}
    assert {i: final[i] for i in before} == before


def test_a_clean_new_article_passes_with_nothing_else_committed(repo):
    (repo / "seeds" / "oslo-weather.txt").write_text(CLEAN_ARTICLE, encoding="utf-8")
    gate = invoke("check", "seeds", "--ci")
    assert gate.exit_code == 0, gate.stderr
    assert "note:" in gate.stderr
    assert git("status", "--porcelain", cwd=repo).split() == ["??", "seeds/oslo-weather.txt"]


def test_the_job_summary_gets_the_markdown_report(repo, monkeypatch):
    summary = repo.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert invoke("check", "seeds", "--ci", "--quiet").exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert "## factlint: contradictions" in text and "source-error" in text


def test_an_edit_outside_the_claims_window_keeps_the_verdict(repo):
    before = {f["id"]: f["status"] for f in findings(repo)}
    path = repo / "seeds" / "harbour-daily.txt"
    text = path.read_text(encoding="utf-8")
    # "The tunnel, which began operations in 2016, links the two ports.": "ports" is far from "2016"
    path.write_text(text.replace("links the two ports", "links the two harbours"), encoding="utf-8")
    after = {f["id"]: f["status"] for f in findings(repo)}
    assert after == before
    assert invoke("check", "seeds", "--ci", "--quiet").exit_code == 0


def test_a_changed_claim_is_a_new_finding(repo):
    path = repo / "seeds" / "port-notes.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("since 2018", "since 2017"), encoding="utf-8")
    assert invoke("check", "seeds", "--ci", "--quiet").exit_code == 1


def test_prune_removes_only_stale_verdicts_and_only_when_asked(repo):
    (repo / "seeds" / "port-notes.txt").unlink()  # its finding is gone: its verdicts are stale
    (repo / "claims" / "docs" / "port-notes.json").unlink()
    verdicts = json.loads((repo / "claims" / "verdicts.json").read_text(encoding="utf-8"))
    assert invoke("check", "seeds", "--quiet").exit_code == 0
    assert json.loads((repo / "claims" / "verdicts.json").read_text(encoding="utf-8")) == verdicts
    stale = invoke("review", "--stale", "--quiet")
    assert sorted(line.split("\t")[0] for line in stale.stdout.splitlines()) == sorted(verdicts)
    assert invoke("review", "--prune", "--quiet").exit_code == 0
    assert json.loads((repo / "claims" / "verdicts.json").read_text(encoding="utf-8")) == {}


# ---------------------------------------------------------------- crash safety


def _assert_consistent(claims: Path, reviewed: set[str]) -> None:
    """Every file factlint keeps parses, and no verdict recorded before is gone."""
    from factlint.review import load_verdicts

    for path in claims.rglob("*.json"):
        if path.name.startswith("."):
            continue  # an interrupted write's temporary file; the next run removes it
        json.loads(path.read_text(encoding="utf-8"))
    table = claims / "CONTRADICTIONS.md"
    if table.exists():
        assert table.read_text(encoding="utf-8").startswith("# Contradictions")
    verdicts = load_verdicts(claims)
    assert reviewed <= set(verdicts), "a verdict was lost"
    assert all(verdicts[i]["status"] == "accepted" for i in reviewed)


def _fork_cli(args: list[str], cwd: Path) -> int:
    """Run the CLI in a forked copy of this process (everything already imported and loaded, so a
    run takes a fraction of a second) and return its pid; its output goes nowhere."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 3
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.chdir(cwd)
            app(args, standalone_mode=False)
            code = 0
        except BaseException:
            code = 4
        finally:
            os._exit(code)
    return pid


def test_sigkill_at_random_moments_never_corrupts_a_file_or_loses_a_verdict(tmp_path, nlp):
    """20 kills of `check` (each after an article changed, so claims and the table are rewritten)
    and 20 of `review`, each at a random moment of the run."""
    import random
    import signal
    import time

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The Harbour tunnel carried 4.9 million passengers in 2023.\n", encoding="utf-8")
    (docs / "b.txt").write_text("Officials said the Harbour tunnel carried 4.9 million passengers in 2023.\n", encoding="utf-8")
    (docs / "c.txt").write_text("The Harbour tunnel carried 6.4 million passengers in 2023.\n", encoding="utf-8")

    def run(args: list[str]) -> float:
        started = time.monotonic()
        _, status = os.waitpid(_fork_cli(args, tmp_path), 0)
        assert os.waitstatus_to_exitcode(status) == 0, args
        return time.monotonic() - started

    run(["check", "docs", "-q"])
    run(["review", "--all-new", "accepted", "-q"])
    reviewed = set(json.loads((tmp_path / "claims" / "verdicts.json").read_text(encoding="utf-8")))
    assert reviewed
    one = sorted(reviewed)[0]
    rng = random.Random(20261201)

    def check_args(n: int) -> list[str]:
        # a changed article: the kill may land while its claims, the store or the table are written
        (docs / "d.txt").write_text(f"The Harbour tunnel had {n + 2} exits in 2023.\n", encoding="utf-8")
        return ["check", "docs", "-q"]

    def review_args(n: int) -> list[str]:
        return [*(["--all-new"] if n % 2 else [one]), "accepted", "--note", f"pass {n}", "-q"]

    for kind, make_args in (("check", check_args), ("review", lambda n: ["review", *review_args(n)])):
        window = sorted(run(make_args(n)) for n in range(3))[1]  # an uninterrupted run of this kind
        kills = attempts = 0
        while kills < 20:
            attempts += 1
            assert attempts <= 60, f"only {kills} {kind} runs were killed before they ended"
            pid = _fork_cli(make_args(attempts), tmp_path)
            time.sleep(rng.uniform(0.0, window * 0.9))
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            kills += os.WIFSIGNALED(status)
            _assert_consistent(tmp_path / "claims", reviewed)
    run(["check", "docs", "-q"])
    _assert_consistent(tmp_path / "claims", reviewed)


# ---------------------------------------------------------------- CI wiring


ROOT = Path(__file__).resolve().parents[1]


def test_the_workflow_gates_changes_to_the_corpus_and_uploads_sarif():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "factlint.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key `on` as true
    for event in ("push", "pull_request"):
        assert "seeds/**" in triggers[event]["paths"]
    steps = workflow["jobs"]["gate"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "factlint check seeds/ --ci --format github" in runs
    assert "--format sarif" in runs
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps)
    assert workflow["permissions"]["security-events"] == "write"


def test_the_pre_commit_hook_runs_the_gate_on_the_corpus():
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "factlint"
    assert hook["entry"].startswith("factlint check --ci")
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "seeds/a.md") and re.search(hook["files"], "claims/verdicts.json")
