"""Configuration: defaults < [tool.factlint] / .factlint.toml < FACTLINT_* < command line; rule
selection, per-rule severity, excludes, --output-file, --version and -h, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factlint.cli import app
from factlint.config import Config, ConfigError, check_codes, find_config_file, load_config

RULES = ["FL001", "FL002", "FL003", "FL004", "FL005", "FL006", "FL007", "FL008"]

# Two articles that disagree on one figure (FL001) and one article whose count misses an item (FL005).
ARTICLES = {
    "a.txt": "In 2023 the tunnel carried 4.9 million passengers.\n",
    "b.txt": "The tunnel carried 6.4m passengers in 2023.\n",
    "c.txt": "The plan names three priorities: a new depot and longer platforms.\n",
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def project(tmp_path, monkeypatch) -> Path:
    """A project folder as the working directory, with the three articles under docs/."""
    for name, text in ARTICLES.items():
        write(tmp_path / "docs" / name, text)
    monkeypatch.chdir(tmp_path)
    for name in [n for n in __import__("os").environ if n.startswith("FACTLINT_")]:
        monkeypatch.delenv(name)
    return tmp_path


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def rules_in(stdout: str) -> list[str]:
    return sorted({f["rule"] for f in json.loads(stdout)["findings"]})


# ---------------------------------------------------------------- precedence


def test_defaults_without_any_file(project):
    config = load_config(environ={})
    assert config == Config(source=None)
    assert config.claims_dir == Path("claims") and config.jobs == 1 and config.format == "table"
    assert config.sameness_threshold is None


def test_pyproject_then_environment_then_command_line(project):
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.factlint]\njobs = 2\nformat = "json"\nselect = ["FL001"]\nsameness-threshold = 0.7\n')
    from_file = load_config(environ={})
    assert (from_file.jobs, from_file.format, from_file.select, from_file.sameness_threshold) == (2, "json", ("FL001",), 0.7)
    assert from_file.source == project / "pyproject.toml"
    assert from_file.narrowed == frozenset()

    from_env = load_config(environ={"FACTLINT_JOBS": "3", "FACTLINT_SELECT": "FL002,fl005"})
    assert (from_env.jobs, from_env.format, from_env.select) == (3, "json", ("FL002", "FL005"))
    assert from_env.narrowed == {"jobs", "select"}

    from_cli = load_config({"jobs": 4, "format": None}, environ={"FACTLINT_JOBS": "3"})
    assert (from_cli.jobs, from_cli.format) == (4, "json")


def test_factlint_toml_wins_over_pyproject_in_the_same_folder_and_is_found_from_below(project):
    write(project / "pyproject.toml", "[tool.factlint]\njobs = 2\n")
    write(project / ".factlint.toml", 'jobs = 5\nclaims-dir = "store"\n')
    below = project / "docs"
    assert find_config_file(below) == project / ".factlint.toml"
    config = load_config(environ={}, start=below)
    assert config.jobs == 5
    # a path in the file is relative to the file's folder
    assert config.claims_dir.resolve() == (project / "store").resolve()


def test_pyproject_without_a_factlint_table_is_not_a_config(project):
    write(project / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config_file(project) is None


def test_bad_settings_name_their_source(project):
    write(project / ".factlint.toml", "jobs = 'many'\n")
    with pytest.raises(ConfigError, match=r"\.factlint\.toml: jobs must be a whole number"):
        load_config(environ={})
    write(project / ".factlint.toml", "colour = true\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_config(environ={})
    write(project / ".factlint.toml", "")
    with pytest.raises(ConfigError, match="environment: severity of FL001 is 'loud'"):
        load_config(environ={"FACTLINT_SEVERITY": "FL001=loud"})
    with pytest.raises(ConfigError, match="matches no rule"):
        check_codes(load_config({"select": "FL9"}, environ={}), RULES)


def test_selection_and_severity_by_prefix():
    config = Config(select=("FL00",), ignore=("FL007",), severity={"FL": "info", "FL001": "error"})
    assert config.selects("FL001") and not config.selects("FL007") and config.selects("FL008")
    assert not Config(select=("FL001",)).selects("FL002")
    assert config.severity_of("FL001", "warning") == "error"  # the longest prefix wins
    assert config.severity_of("FL004", "warning") == "info"
    assert Config().severity_of("FL004", "warning") == "warning"


def test_excludes_match_paths_names_and_folders():
    config = Config(exclude=("drafts/**", "*.draft.md", "archive"))
    assert config.excludes("seeds/drafts/a.txt")
    assert config.excludes("seeds/b.draft.md")
    assert config.excludes("seeds/archive/2019/c.txt")
    assert not config.excludes("seeds/archived.txt")
    assert not config.excludes("seeds/a.txt")


# ---------------------------------------------------------------- through the command line


def test_select_and_ignore_on_the_command_line(project):
    everything = run("check", "docs", "--format", "json", "-q")
    assert everything.exit_code == 1
    assert rules_in(everything.stdout) == ["FL001", "FL005"]
    only = run("check", "docs", "--format", "json", "-q", "--select", "FL001")
    assert rules_in(only.stdout) == ["FL001"]
    ignored = run("check", "docs", "--format", "json", "-q", "--ignore", "FL001,FL002")
    assert rules_in(ignored.stdout) == ["FL005"]
    none_left = run("check", "docs", "--format", "json", "-q", "--select", "FL00", "--ignore", "FL001", "--ignore", "FL005")
    assert rules_in(none_left.stdout) == []
    assert none_left.exit_code == 0  # nothing selected is unreviewed
    unknown = run("check", "docs", "--select", "FL999")
    assert unknown.exit_code == 2
    assert "matches no rule" in unknown.stderr


def test_command_line_selection_leaves_the_review_table_alone(project):
    run("check", "docs", "-q")
    table = (project / "claims" / "CONTRADICTIONS.md").read_text(encoding="utf-8")
    assert "FL005" in table
    run("check", "docs", "-q", "--select", "FL001")
    assert (project / "claims" / "CONTRADICTIONS.md").read_text(encoding="utf-8") == table


def test_file_selection_and_severity_apply_and_the_environment_overrides(project):
    write(project / "pyproject.toml", '[tool.factlint]\nignore = ["FL005"]\nformat = "json"\n\n[tool.factlint.severity]\nFL001 = "warning"\n')
    result = run("check", "docs", "-q")
    report = json.loads(result.stdout)  # format came from the file
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("FL001", "warning")]
    github = run("check", "docs", "-q", "--format", "github")
    assert github.stdout.startswith("::warning file=")
    env = run("check", "docs", "-q", env={"FACTLINT_IGNORE": "FL001", "FACTLINT_SEVERITY": "FL005=error"})
    assert [(f["rule"], f["severity"]) for f in json.loads(env.stdout)["findings"]] == [("FL005", "error")]
    assert run("check", "docs", "-q", "--format", "github", env={"FACTLINT_IGNORE": "FL001", "FACTLINT_SEVERITY": "FL005=error"}).stdout.startswith("::error ")


def test_exclude_and_claims_dir_from_the_file(project):
    write(project / ".factlint.toml", 'exclude = ["c.txt"]\nclaims-dir = "store"\nformat = "json"\n')
    result = run("check", "docs", "-q")
    report = json.loads(result.stdout)
    assert sorted(d["id"] for d in report["documents"]) == ["a", "b"]
    assert (project / "store" / "docs" / "a.json").is_file() and not (project / "claims").exists()


def test_output_file(project):
    result = run("check", "docs", "--format", "sarif", "--output-file", "out/report.sarif")
    assert result.exit_code == 1
    assert result.stdout == ""
    sarif = json.loads((project / "out" / "report.sarif").read_text(encoding="utf-8"))
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "Usual verdict" in rules["FL001"]["help"]["text"]
    assert "tunnel" in rules["FL001"]["help"]["markdown"]
    assert rules["FL005"]["fullDescription"]["text"].startswith("a stated count disagrees")
    assert "report written to out/report.sarif" in result.stderr
    table = run("check", "docs", "-o", "table.txt", "-q")
    assert table.stdout == "" and "FL001" in (project / "table.txt").read_text(encoding="utf-8")


def test_verbose_lists_each_document_and_the_settings(project):
    result = run("check", "docs", "--verbose", "--format", "json")
    assert "settings from defaults" in result.stderr
    for name in ("a", "b", "c"):
        assert f"parsing {name} " in result.stderr
    quiet = run("check", "docs", "--format", "json", "-q", "--claims-dir", "other")
    assert quiet.stderr == ""


def test_version_and_short_help():
    from factlint import __version__

    version = run("--version")
    assert version.exit_code == 0 and version.stdout.strip() == f"factlint {__version__}"
    for args in (["-h"], ["check", "-h"], ["review", "-h"], ["rule", "-h"], ["parse", "-h"]):
        result = run(*args)
        assert result.exit_code == 0, args
        assert "Usage:" in result.stdout
    assert "--select" in run("check", "-h").stdout and "--serve" in run("review", "-h").stdout


def test_progress_bar_on_a_terminal_and_one_line_in_a_log():
    import io

    from rich.console import Console

    from factlint.report.progress import parsing_progress

    terminal = io.StringIO()
    with parsing_progress(Console(file=terminal, force_terminal=True, width=100), mode="bar") as advance:
        for done in range(4):
            advance(done, 3)
    assert "parsing" in terminal.getvalue() and "3/3" in terminal.getvalue()

    log = io.StringIO()
    with parsing_progress(Console(file=log, width=100), mode="line") as advance:
        for done in range(4):
            advance(done, 3)
    assert log.getvalue() == "factlint: parsing 3 documents\n"

    silent = io.StringIO()
    with parsing_progress(Console(file=silent), mode="off") as advance:
        advance(0, 3)
    assert silent.getvalue() == ""


def test_parallel_parsing_advances_one_count_across_jobs(project):
    from factlint.runner import run_check

    seen = []
    run_check([Path("docs")], claims_dir=Path("claims"), jobs=2, advance=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize("columns", ["60", "100", "200"])
def test_parse_table_never_breaks_a_word(columns):
    result = CliRunner().invoke(app, ["parse", "Exports rose 30% to over $240bn in 2023, the fourth rise."], env={"COLUMNS": columns})
    assert result.exit_code == 0
    words = {word.strip("“”") for line in result.stdout.splitlines() for word in line.replace("│", " ").split()}
    assert {"percentage", "currency", "$240bn", "fourth"} <= words, result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= int(columns)


def test_review_uses_the_configured_claims_dir(project):
    write(project / ".factlint.toml", 'claims-dir = "store"\n')
    run("check", "docs", "-q")
    fid = json.loads(run("check", "docs", "-q", "--format", "json").stdout)["findings"][0]["id"]
    result = run("review", fid, "accepted")
    assert result.exit_code == 0, result.stderr
    assert fid in (project / "store" / "verdicts.json").read_text(encoding="utf-8")


def test_sameness_threshold_reaches_the_clustering(project, monkeypatch):
    import factlint.runner as runner
    from factlint.cluster.sameness import fitted_model

    assert runner.sameness_model(Config()) is None  # the fitted thresholds
    model = runner.sameness_model(Config(sameness_threshold=0.9))
    assert model.conflict.threshold == 0.9
    assert model.agree == fitted_model().agree

    seen = []
    real = runner.build_graph
    monkeypatch.setattr(runner, "build_graph", lambda claims, counts, model=None, **kw: seen.append(model) or real(claims, counts, model, **kw))
    write(project / ".factlint.toml", "sameness-threshold = 0.9\n")
    run("check", "docs", "-q")
    assert seen and seen[-1].conflict.threshold == 0.9
    # at the most demanding threshold nothing is one fact stated two ways
    strict = run("check", "docs", "-q", "--format", "json", env={"FACTLINT_SAMENESS_THRESHOLD": "1"})
    assert "FL001" not in rules_in(strict.stdout)
