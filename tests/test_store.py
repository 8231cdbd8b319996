"""The claims store through `factlint check`: determinism, reuse, re-parsing, atomic writes, --ci.

Every test works on a copy of the repository's ``seeds/`` in a temporary folder, run from that
folder as a user would (``factlint check seeds`` writes ``claims/``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factlint.runner
import factlint.store.claim_store
from factlint.cli import app
from factlint.runner import run_check
from factlint.store import write_atomic

SEEDS = Path(__file__).parents[1] / "seeds"


def invoke(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` (hidden ones included) with its bytes and modification time."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def contents(folder: Path) -> dict[str, bytes]:
    return {name: data for name, (data, _) in snapshot(folder).items()}


def forbid_parsing(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a document was parsed although its stored claims are current")

    import factlint.claims
    import factlint.claims.builder

    monkeypatch.setattr(factlint.runner, "extract_claims", refuse)
    # the claims builder too: a runner that batches documents reaches it without extract_claims
    monkeypatch.setattr(factlint.claims.builder, "build_claims", refuse)
    monkeypatch.setattr(factlint.claims, "build_claims", refuse, raising=False)


@pytest.fixture()
def workdir(tmp_path, monkeypatch) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def seeds_checked(tmp_path_factory) -> tuple[Path, dict[str, bytes], str]:
    """A seeds copy checked once with `factlint check seeds --format json`: the folder, the bytes of
    its claims/ (copied per test by ``checked``) and the JSON report."""
    root = tmp_path_factory.mktemp("seeds-checked")
    shutil.copytree(SEEDS, root / "seeds")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = invoke("check", "seeds", "--format", "json", "--quiet")
    finally:
        os.chdir(cwd)
    assert result.exit_code in (0, 1), result.stderr
    return root, contents(root / "claims"), result.stdout


@pytest.fixture()
def checked(seeds_checked, workdir) -> Path:
    """``workdir`` with the claims/ the session's first check wrote."""
    shutil.copytree(seeds_checked[0] / "claims", workdir / "claims")
    return workdir


@pytest.fixture()
def small_checked(checked) -> Path:
    """``checked`` with only the two shortest seeds kept (and their claims), for tests that parse."""
    articles = sorted((checked / "seeds").glob("*.txt"), key=lambda p: (p.stat().st_size, p.name))
    for article in articles[2:]:
        article.unlink()
        (checked / "claims" / "docs" / f"{article.stem}.json").unlink()
    return checked


def test_first_check_writes_one_file_per_article_and_the_table(seeds_checked):
    _, files, _ = seeds_checked
    articles = sorted(p.stem for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))
    assert sorted(files) == sorted([f"docs/{stem}.json" for stem in articles] + ["CONTRADICTIONS.md"])
    for stem in articles:
        stored = json.loads(files[f"docs/{stem}.json"])
        assert stored["document"]["id"] == stem
        assert all(claim["doc"] == stem for claim in stored["claims"])


def test_second_check_parses_nothing_and_gives_the_same_bytes(checked, seeds_checked, monkeypatch):
    assert run_check([Path("seeds")], claims_dir=Path("claims"), write=False).parsed == []

    forbid_parsing(monkeypatch)
    result = invoke("check", "seeds", "--format", "json", "--quiet")
    assert result.exit_code in (0, 1), result.stderr
    assert contents(checked / "claims") == seeds_checked[1]
    assert result.stdout == seeds_checked[2]


def test_a_fresh_claims_folder_gets_the_same_bytes(seeds_checked, workdir):
    """Determinism from scratch: parsing again (not reading the store) gives identical files and report."""
    result = invoke("check", "seeds", "--format", "json", "--quiet")
    assert result.exit_code in (0, 1), result.stderr
    assert contents(workdir / "claims") == seeds_checked[1]
    assert result.stdout == seeds_checked[2]


def test_parallel_parsing_gives_the_same_bytes(small_checked):
    expected = contents(small_checked / "claims")
    del expected["CONTRADICTIONS.md"]  # written by the command, not by run_check
    shutil.rmtree(small_checked / "claims")
    run = run_check([Path("seeds")], claims_dir=Path("claims"), jobs=2)
    assert len(run.parsed) == 2
    assert contents(small_checked / "claims") == expected


def test_editing_one_article_reparses_only_that_one(checked):
    edited = sorted((checked / "seeds").glob("*.txt"))[1]
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\nThe harbour handled 4,200 ships in 2021, up 12% from 2020.\n")
    before = snapshot(checked / "claims")

    run = run_check([Path("seeds")], claims_dir=Path("claims"))

    assert run.parsed == [edited.stem]
    after = snapshot(checked / "claims")
    changed = {name for name in after if after[name] != before.get(name)}
    assert f"docs/{edited.stem}.json" in changed
    assert changed <= {f"docs/{edited.stem}.json", "CONTRADICTIONS.md"}
    stored = json.loads(after[f"docs/{edited.stem}.json"][0])
    text = edited.read_text(encoding="utf-8")
    assert any(text[c["start"] : c["end"]] == c["text"] and "4,200" in c["text"] for c in stored["claims"])


def test_a_new_extractor_version_reparses_everything(small_checked, monkeypatch):
    monkeypatch.setattr(factlint.store.claim_store, "extractor_version", lambda: "another-extractor")
    monkeypatch.setattr(factlint.runner, "extractor_version", lambda: "another-extractor")
    run = run_check([Path("seeds")], claims_dir=Path("claims"))
    assert run.parsed == sorted(p.stem for p in (small_checked / "seeds").glob("*.txt"))
    assert all(
        json.loads(p.read_text(encoding="utf-8"))["extractor"] == "another-extractor"
        for p in (small_checked / "claims" / "docs").glob("*.json")
    )


def test_a_corrupt_claims_file_is_parsed_again_and_replaced(small_checked, seeds_checked):
    damaged = sorted((small_checked / "claims" / "docs").glob("*.json"))[0]
    damaged.write_text('{"document": ', encoding="utf-8")
    run = run_check([Path("seeds")], claims_dir=Path("claims"))
    assert run.parsed == [damaged.stem]
    assert damaged.read_bytes() == seeds_checked[1][f"docs/{damaged.name}"]
    assert any(str(damaged.relative_to(small_checked)) in note for note in run.notes)


# ---------------------------------------------------------------- atomic writes


def test_no_temporary_files_are_left_behind(checked):
    with (sorted((checked / "seeds").glob("*.txt"))[0]).open("a", encoding="utf-8") as handle:
        handle.write("\nExports rose 5% to $3 billion in 2022.\n")
    assert invoke("check", "seeds", "--quiet").exit_code in (0, 1)
    names = sorted(p.name for p in (checked / "claims").rglob("*"))
    assert all(not name.startswith(".") and not name.endswith(".tmp") for name in names), names


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "claims" / "a.json"
    write_atomic(target, "old\n")

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_written_files_use_newline_line_endings_and_end_with_one(checked):
    for path in (p for p in (checked / "claims").rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert b"\r" not in data, path.name
        assert data.endswith(b"\n") and not data.endswith(b"\n\n"), path.name


CLOCK_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
TIME_KEY = re.compile(r"(time|timestamp|mtime|created|modified|generated|updated)(_at|At)?", re.IGNORECASE)


def json_keys_and_strings(value) -> tuple[list[str], list[str]]:
    keys, strings = [], []
    if isinstance(value, dict):
        for key, item in value.items():
            keys.append(key)
            more_keys, more_strings = json_keys_and_strings(item)
            keys += more_keys
            strings += more_strings
    elif isinstance(value, list):
        for item in value:
            more_keys, more_strings = json_keys_and_strings(item)
            keys += more_keys
            strings += more_strings
    elif isinstance(value, str):
        strings.append(value)
    return keys, strings


def test_claims_files_hold_no_timestamps(seeds_checked):
    for name, data in seeds_checked[1].items():
        if name.endswith(".json"):
            keys, strings = json_keys_and_strings(json.loads(data))
            assert not [k for k in keys if TIME_KEY.fullmatch(k)], name
            assert not [s for s in strings if CLOCK_TIME.search(s)], name
        else:
            assert not CLOCK_TIME.search(data.decode("utf-8")), name


# ---------------------------------------------------------------- --ci


def review_everything(claims: Path) -> None:
    """Accept every finding, then check again so CONTRADICTIONS.md shows the verdicts."""
    for finding in json.loads(invoke("check", "seeds", "--format", "json", "--quiet").stdout)["findings"]:
        assert invoke("review", finding["id"], "accepted", "--claims-dir", claims).exit_code == 0
    assert invoke("check", "seeds", "--quiet").exit_code == 0


def test_ci_passes_when_claims_are_current_and_reviewed(checked):
    review_everything(checked / "claims")
    before = snapshot(checked / "claims")
    result = invoke("check", "seeds", "--ci", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert snapshot(checked / "claims") == before


# The gate computes what it needs (issue 7): a stale or missing claims file is a cache miss, re-extracted
# and reported as a note, never a failure; only unreviewed findings fail it.


def test_ci_re_extracts_an_edited_article_as_a_cache_miss_and_writes_nothing(checked):
    review_everything(checked / "claims")
    edited = sorted((checked / "seeds").glob("*.txt"))[0]
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\nImports fell 3% to 410,000 tonnes in 2022.\n")
    before = snapshot(checked / "claims")

    result = invoke("check", "seeds", "--ci")

    assert result.exit_code == 0, result.stderr
    assert "note:" in result.stderr and f"{edited.stem}.json" in result.stderr
    assert snapshot(checked / "claims") == before


def test_ci_without_any_claims_extracts_them_and_creates_nothing(small_checked):
    shutil.rmtree(small_checked / "claims")
    result = invoke("check", "seeds", "--ci", "--quiet", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == (1 if findings else 0)
    assert not (small_checked / "claims").exists()


def test_ci_notes_a_missing_contradictions_table_without_failing(checked):
    review_everything(checked / "claims")
    (checked / "claims" / "CONTRADICTIONS.md").unlink()
    result = invoke("check", "seeds", "--ci")
    assert result.exit_code == 0
    assert "note:" in result.stderr and "CONTRADICTIONS.md" in result.stderr
    assert not (checked / "claims" / "CONTRADICTIONS.md").exists()


def test_ci_re_extracts_a_hand_edited_claims_file(checked):
    review_everything(checked / "claims")
    stored = sorted((checked / "claims" / "docs").glob("*.json"))[0]
    stored.write_text(json.dumps(json.loads(stored.read_text(encoding="utf-8"))), encoding="utf-8")
    result = invoke("check", "seeds", "--ci")
    assert result.exit_code == 0
    assert stored.name in result.stderr


def test_ci_fails_on_unreviewed_findings_even_when_claims_are_current(checked):
    findings = json.loads(invoke("check", "seeds", "--format", "json", "--quiet").stdout)["findings"]
    assert findings, "the seeds have findings to review"
    assert invoke("check", "seeds", "--ci", "--quiet").exit_code == 1
