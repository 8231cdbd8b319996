"""`factlint check`, `review` and `parse` end to end: the real console script and typer's CliRunner.

The contracts are DESIGN.md's: the JSON report's keys and fields, ``doc`` = file stem, ``start``/
``end`` slicing the document text (as ``Path.read_text`` returns it) exactly to ``text``; exit
codes 0 (no unreviewed findings), 1 (unreviewed findings), 2 (usage or input error); only the report
on standard output. The corpus is a copy of the dev corpus, which has findings to review.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factlint.cli import app

DEV = Path(__file__).parent / "fixtures" / "dev"
FACTLINT = Path(sys.executable).with_name("factlint")

KINDS = {"value-conflict", "scale-slip", "date-conflict", "entity-conflict", "self-contradiction", "count-mismatch", "arithmetic"}
FINDING_ID = re.compile(r"FL\d{3}-[0-9a-f]{12}")


def factlint(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed console script, as a user or CI would."""
    return subprocess.run([str(FACTLINT), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def invoke(*args: str | Path):
    """Run the typer app in-process (stdout and stderr kept apart)."""
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def copy_dev_corpus(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(DEV.glob("*.txt")):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    return copy_dev_corpus(tmp_path_factory.mktemp("cli") / "docs")


@pytest.fixture(scope="session")
def claims_dir(tmp_path_factory) -> Path:
    """The claims folder of the session's first check; later format runs read their claims from it."""
    return tmp_path_factory.mktemp("claims")


@pytest.fixture(scope="session")
def json_run(corpus, claims_dir) -> subprocess.CompletedProcess:
    """`factlint check DOCS --format json` as a real process, with progress messages on (no --quiet)."""
    return factlint("check", corpus, "--format", "json", "--claims-dir", claims_dir)


@pytest.fixture(scope="session")
def report(json_run) -> dict:
    return json.loads(json_run.stdout)


@pytest.fixture(scope="session")
def texts(report) -> dict[str, str]:
    return {d["id"]: Path(d["path"]).read_text(encoding="utf-8") for d in report["documents"]}


# ---------------------------------------------------------------- the JSON contract


def test_json_report_is_the_only_thing_on_stdout(json_run):
    assert json_run.returncode == 1, json_run.stderr  # the dev corpus has unreviewed findings
    assert "Traceback" not in json_run.stderr, json_run.stderr
    json.loads(json_run.stdout)  # progress did not leak into the report
    assert "parsing" in json_run.stderr
    assert json_run.stdout.endswith("}\n")


def test_json_report_top_level(report):
    assert {"version", "documents", "claims", "clusters", "findings"} <= set(report)
    assert report["version"] == 1


def test_documents_are_file_stems_with_hash_and_date(report, corpus):
    files = {p.stem: p for p in corpus.glob("*.txt")}
    assert [d["id"] for d in report["documents"]] == sorted(files)
    for document in report["documents"]:
        assert {"id", "path", "date", "sha256"} <= set(document)
        assert Path(document["path"]).resolve() == files[document["id"]].resolve()
        assert document["sha256"] == hashlib.sha256(files[document["id"]].read_bytes()).hexdigest()
        assert document["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", document["date"])


def test_claim_spans_slice_the_document_text_exactly(report, texts):
    assert report["claims"]
    for claim in report["claims"]:
        assert {"id", "doc", "start", "end", "line", "text", "sentence"} <= set(claim)
        text = texts[claim["doc"]]
        assert text[claim["start"] : claim["end"]] == claim["text"], claim["id"]
        assert text.count("\n", 0, claim["start"]) + 1 == claim["line"], claim["id"]
        assert claim["text"] in claim["sentence"], claim["id"]
        for mention in ("quantity", "date", "period"):
            if claim.get(mention):
                span = claim[mention]
                assert text[span["start"] : span["end"]] == span["text"], (claim["id"], mention)


def test_ids_are_unique_and_references_resolve(report):
    claim_ids = [c["id"] for c in report["claims"]]
    assert len(set(claim_ids)) == len(claim_ids)
    for cluster in report["clusters"]:
        assert {"id", "claims"} <= set(cluster)
        assert set(cluster["claims"]) <= set(claim_ids)
    finding_ids = [f["id"] for f in report["findings"]]
    assert len(set(finding_ids)) == len(finding_ids)


def test_findings_follow_the_contract(report):
    assert report["findings"]
    claim_ids = {c["id"] for c in report["claims"]}
    for finding in report["findings"]:
        assert {"id", "rule", "kind", "severity", "message", "claims", "status"} <= set(finding)
        assert FINDING_ID.fullmatch(finding["id"]), finding["id"]
        assert finding["id"].startswith(finding["rule"] + "-")
        assert finding["kind"] in KINDS
        assert finding["severity"] in {"error", "warning", "info"}
        assert finding["status"] == "new"
        assert finding["claims"] and set(finding["claims"]) <= claim_ids
        assert finding["message"].strip()


def test_in_process_run_prints_the_same_bytes(json_run, corpus, claims_dir):
    """CliRunner, reading the claims the real process stored, prints the report byte for byte."""
    again = invoke("check", corpus, "--format", "json", "--claims-dir", claims_dir)
    assert again.exit_code == 1
    assert again.stdout == json_run.stdout
    assert "0 parsed" in again.stderr


# ---------------------------------------------------------------- exit codes and review


def test_review_every_finding_then_the_check_passes(json_run, corpus, claims_dir, tmp_path):
    docs = corpus
    claims = tmp_path / "claims"
    shutil.copytree(claims_dir, claims)  # the stored claims, so nothing is parsed again
    assert not (claims / "verdicts.json").exists()
    first = invoke("check", docs, "--format", "json", "--claims-dir", claims, "--quiet")
    assert first.exit_code == 1
    finding_ids = [f["id"] for f in json.loads(first.stdout)["findings"]]
    assert finding_ids

    for finding_id in finding_ids:
        reviewed = invoke("review", finding_id, "accepted", "--note", "checked by hand", "--claims-dir", claims)
        assert reviewed.exit_code == 0, reviewed.stderr
    after = invoke("check", docs, "--format", "json", "--claims-dir", claims, "--quiet")
    assert after.exit_code == 0, after.stderr
    assert {f["status"] for f in json.loads(after.stdout)["findings"]} == {"accepted"}
    # Reviewed findings are not annotated for CI any more.
    assert invoke("check", docs, "--format", "github", "--claims-dir", claims, "--quiet").stdout == ""
    sarif_results = json.loads(invoke("check", docs, "--format", "sarif", "--claims-dir", claims, "--quiet").stdout)["runs"][0]["results"]
    assert sarif_results and all(r["suppressions"][0]["status"] == "accepted" for r in sarif_results)
    table = (claims / "CONTRADICTIONS.md").read_text(encoding="utf-8")
    assert all(finding_id in table for finding_id in finding_ids)
    assert "checked by hand" in table

    reopened = invoke("review", finding_ids[0], "new", "--claims-dir", claims)
    assert reopened.exit_code == 0
    again = invoke("check", docs, "--format", "json", "--claims-dir", claims, "--quiet")
    assert again.exit_code == 1
    assert [f["id"] for f in json.loads(again.stdout)["findings"] if f["status"] == "new"] == [finding_ids[0]]


def claim_lines(report: dict, doc: str, *, below: int) -> list[tuple[str, int]]:
    """(text, line) of the document's claims on lines after ``below``."""
    return [(c["text"], c["line"]) for c in report["claims"] if c["doc"] == doc and c["line"] > below]


def test_verdicts_survive_edits_elsewhere_in_an_article(tmp_path):
    """Finding ids are content fingerprints, not line numbers (DESIGN.md): a paragraph inserted
    near the top of an article moves its claims down but keeps the findings and their verdicts."""
    docs = copy_dev_corpus(tmp_path / "docs")
    claims = tmp_path / "claims"
    before = json.loads(invoke("check", docs, "--format", "json", "--claims-dir", claims, "--quiet").stdout)
    for finding in before["findings"]:
        assert invoke("review", finding["id"], "false-alarm", "--claims-dir", claims).exit_code == 0

    edited = before["claims"][0]["doc"]
    path = docs / f"{edited}.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2:2] = ["Analysts described the outlook as uncertain.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")

    after_run = invoke("check", docs, "--format", "json", "--claims-dir", claims, "--quiet")
    after = json.loads(after_run.stdout)
    assert after_run.exit_code == 0
    assert sorted(f["id"] for f in after["findings"]) == sorted(f["id"] for f in before["findings"])
    assert {f["status"] for f in after["findings"]} == {"false-alarm"}
    assert [(text, line + 2) for text, line in claim_lines(before, edited, below=2)] == claim_lines(after, edited, below=2)


def test_review_of_an_unknown_finding_is_a_usage_error(json_run, claims_dir):
    assert (claims_dir / "CONTRADICTIONS.md").exists()
    result = invoke("review", "FL001-000000000000", "accepted", "--claims-dir", claims_dir)
    assert result.exit_code == 2
    assert "FL001-000000000000" in result.stderr
    assert not (claims_dir / "verdicts.json").exists()


def test_review_with_an_unknown_status_is_a_usage_error(tmp_path):
    result = invoke("review", "FL001-000000000000", "wrong", "--claims-dir", tmp_path)
    assert result.exit_code == 2


def test_missing_path_exits_2(tmp_path):
    result = invoke("check", tmp_path / "no-such-folder", "--format", "json", "--claims-dir", tmp_path / "claims")
    assert result.exit_code == 2
    assert "no-such-folder" in result.stderr
    assert json.loads(result.stdout)["documents"] == []


def test_folder_without_articles_exits_2(tmp_path):
    (tmp_path / "empty-folder").mkdir()
    result = invoke("check", tmp_path / "empty-folder", "--claims-dir", tmp_path / "claims")
    assert result.exit_code == 2
    assert "no .txt or .md articles" in result.stderr


def test_unknown_format_exits_2(tmp_path, corpus):
    assert invoke("check", corpus, "--format", "xml", "--claims-dir", tmp_path).exit_code == 2


# ---------------------------------------------------------------- unreadable inputs


def test_unreadable_inputs_are_reported_and_the_rest_is_checked(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DEV / "gas-trade-2024-figures.txt", docs / "good.txt")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(b"Flows rose\x00\x01\x02 to 7.9 bcm.\n")
    (docs / "latin.txt").write_bytes("Caf\u00e9 exports rose 5% to \u20ac4 million in 2023.\n".encode("cp1252"))

    monkeypatch.chdir(tmp_path)
    result = invoke("check", "docs", "--format", "json", "--claims-dir", "claims")

    assert result.exit_code == 2
    stderr = " ".join(result.stderr.split())
    assert "docs/empty.txt: empty file" in stderr
    assert "docs/binary.txt: binary file" in stderr
    assert re.search(r"docs/latin\.txt: not UTF-8: byte 0x[0-9a-f]{2} at offset \d+", stderr)
    report = json.loads(result.stdout)
    assert [d["id"] for d in report["documents"]] == ["good"]
    assert report["claims"] and {c["doc"] for c in report["claims"]} == {"good"}
    assert sorted(Path(e["path"]).name for e in report["errors"]) == ["binary.txt", "empty.txt", "latin.txt"]


# ---------------------------------------------------------------- other formats


def test_markdown_format(corpus, report, claims_dir):
    result = invoke("check", corpus, "--format", "md", "--claims-dir", claims_dir, "--quiet")
    assert result.exit_code == 1
    assert result.stdout.startswith("# Contradictions")
    rows = [line for line in result.stdout.splitlines() if line.startswith("| `FL")]
    assert sorted(re.match(r"\| `([^`]+)`", row).group(1) for row in rows) == sorted(f["id"] for f in report["findings"])
    # --format md prints what the check writes to claims/CONTRADICTIONS.md.
    assert result.stdout == (claims_dir / "CONTRADICTIONS.md").read_text(encoding="utf-8")


def test_csv_format(corpus, report, claims_dir):
    result = invoke("check", corpus, "--format", "csv", "--claims-dir", claims_dir, "--quiet")
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(row["id"] for row in rows) == sorted(f["id"] for f in report["findings"])
    claims = {c["id"]: c for c in report["claims"]}
    for row in rows:
        finding = next(f for f in report["findings"] if f["id"] == row["id"])
        first = claims[finding["claims"][0]]
        assert (row["kind"], row["claim1_doc"], row["claim1_line"], row["claim1_text"]) == (
            finding["kind"], first["doc"], str(first["line"]), first["text"],
        )


def test_sarif_format(corpus, report, texts, claims_dir):
    result = invoke("check", corpus, "--format", "sarif", "--claims-dir", claims_dir, "--quiet")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "factlint"
    claims = {c["id"]: c for c in report["claims"]}
    findings = {f["id"]: f for f in report["findings"]}
    assert len(run["results"]) == len(findings)
    for sarif_result in run["results"]:
        finding = next(f for f in findings.values() if f["id"] in json.dumps(sarif_result))
        first = claims[finding["claims"][0]]
        location = sarif_result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith(f"/{first['doc']}.txt")
        assert location["region"]["startLine"] == first["line"]
        line_start = texts[first["doc"]].rfind("\n", 0, first["start"]) + 1
        assert location["region"]["startColumn"] == first["start"] - line_start + 1


def test_github_format(corpus, report, claims_dir):
    result = invoke("check", corpus, "--format", "github", "--claims-dir", claims_dir, "--quiet")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    claims = {c["id"]: c for c in report["claims"]}
    # one annotation per line pointed at: findings on the same line share one
    assert len(lines) == len({(claims[f["claims"][0]]["doc"], claims[f["claims"][0]]["line"]) for f in report["findings"]})
    for finding in report["findings"]:
        first = claims[finding["claims"][0]]
        (line,) = [line for line in lines if f"Finding {finding['id']}:" in line]
        assert line.startswith(("::error file=", "::warning file=", "::notice file="))
        assert f"{first['doc']}.txt," in line
        assert f",line={first['line']}," in line


def test_table_format_is_the_default(corpus, report, claims_dir):
    result = invoke("check", corpus, "--claims-dir", claims_dir, "--quiet")
    assert result.exit_code == 1
    assert all(f["id"] in result.stdout for f in report["findings"])


# ---------------------------------------------------------------- parse


def test_parse_prints_the_mention_contract():
    result = invoke("parse", "Exports rose 30% to over $240bn in 2023", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    row = json.loads(line)
    assert row["line"] == 1
    assert row["text"] == "Exports rose 30% to over $240bn in 2023"
    assert row["entities"] == []
    percent, money = row["quantities"]
    assert {k: percent[k] for k in ("text", "start", "end", "value", "unit", "dimension", "qualifier")} == {
        "text": "30%", "start": 13, "end": 16, "value": 30.0, "unit": "percentage",
        "dimension": "percentage", "qualifier": None,
    }
    assert {k: money[k] for k in ("text", "start", "end", "value", "low", "high", "unit", "dimension", "qualifier", "currency")} == {
        "text": "over $240bn", "start": 20, "end": 31, "value": pytest.approx(240e9), "low": pytest.approx(240e9), "high": None,
        "unit": "dollar", "dimension": "currency", "qualifier": "over", "currency": "USD",
    }
    (year,) = row["dates"]
    assert {k: year[k] for k in ("text", "start", "end", "value", "kind")} == {
        "text": "2023", "start": 35, "end": 39, "value": "2023", "kind": "point",
    }


def test_parse_gives_one_object_per_line_with_offsets_into_that_line(tmp_path):
    source = tmp_path / "sentences.txt"
    source.write_text("Last year the port handled 12 ships.\nIt cost €1.2 billion.\n", encoding="utf-8")
    result = invoke("parse", "--file", source, "--date", "2024-03-02", "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["line"] for row in rows] == [1, 2]
    for row in rows:
        for mention in row["quantities"] + row["dates"] + row["entities"]:
            assert row["text"][mention["start"] : mention["end"]] == mention["text"]
    (last_year,) = rows[0]["dates"]
    assert (last_year["text"].lower(), last_year["value"]) == ("last year", "2023")
    (cost,) = rows[1]["quantities"]
    assert (cost["value"], cost["currency"]) == (pytest.approx(1.2e9), "EUR")


def test_parse_rejects_a_malformed_date():
    assert invoke("parse", "Exports rose 30%", "--date", "2024-13-45").exit_code == 2


# ---------------------------------------------------------------- help


@pytest.mark.parametrize(
    ("command", "must_mention"),
    [
        ([], ["check", "review", "parse"]),
        (["check"], ["--format", "json", "sarif", "github", "--claims-dir", "--jobs", "--ci", "--quiet", "Exit status"]),
        (["review"], ["ID", "STATUS", "source-error", "accepted", "--note", "--claims-dir", "--list", "--all-new", "--stale", "--prune"]),
        (["parse"], ["--file", "--date", "--format", "jsonl"]),
    ],
    ids=["factlint", "check", "review", "parse"],
)
def test_help_explains_the_options(command, must_mention):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    for word in must_mention:
        assert word in result.stdout, word
