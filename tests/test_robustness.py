"""Nothing an article or a damaged store contains may stop the check or lose a verdict.

Each test builds a two-article corpus whose figures disagree (one finding), breaks one thing, and
runs `factlint check` as a user would, in a temporary folder: through typer's CliRunner, and for
the command-line bytes through a real subprocess.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factlint
import factlint.runner
import factlint.store.claim_store as claim_store
from factlint.boundary import stage_of
from factlint.cli import app
from factlint.report.safe_text import escape_controls
from factlint.runner import run_check
from factlint.store.claim_store import StoreError, document_file, remove_stale_temporaries

ARTICLES = {
    "a.txt": "2024-03-01\nThe Northgate bridge cost $40 million to build, officials said.\n",
    "b.txt": "2024-03-02\nThe Northgate bridge cost $90 million to build, officials said.\n",
}
VERDICTS = {"FL001-0123456789ab": {"note": "kept whatever happens", "status": "accepted"}}


def invoke(*args: str | Path, env: dict | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def write_corpus(root: Path, articles: dict[str, str] = ARTICLES) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (docs / name).write_text(text, encoding="utf-8")
    return docs


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@pytest.fixture()
def corpus(tmp_path, monkeypatch) -> Path:
    """A two-article corpus in ``tmp_path`` (the working directory), with verdicts recorded."""
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path)
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "verdicts.json").write_text(json.dumps(VERDICTS, indent=2) + "\n", encoding="utf-8")
    return tmp_path


@pytest.fixture()
def checked(corpus) -> Path:
    result = invoke("check", "docs", "--quiet")
    assert result.exit_code == 1, result.output  # the one finding is unreviewed
    return corpus


def stored_file(root: Path, doc_id: str) -> Path:
    return root / "claims" / "docs" / f"{doc_id}.json"


# ---------------------------------------------------------------- the store cannot collide


def test_an_article_named_verdicts_never_touches_the_verdicts(corpus):
    for name in ("verdicts.txt", "CONTRADICTIONS.md", "index.txt"):
        (corpus / "docs" / name).write_text("Officials said the bridge opened in 2019.\n", encoding="utf-8")
    before = (corpus / "claims" / "verdicts.json").read_bytes()

    result = invoke("check", "docs", "--quiet")

    no_traceback(result)
    assert result.exit_code == 1
    assert (corpus / "claims" / "verdicts.json").read_bytes() == before
    assert stored_file(corpus, "verdicts").is_file()
    assert stored_file(corpus, "CONTRADICTIONS").is_file()
    assert invoke("check", "docs", "--quiet").exit_code == 1  # and the next run is as good


@pytest.mark.parametrize(
    ("doc_id", "expected"),
    [
        ("a", "a.json"),
        ("sub/index", "sub/index.json"),
        ("x.json/y", "x%2Ejson/y.json"),  # a folder named like document x's file
        (".hidden", "%2Ehidden.json"),
        ("report%20draft", "report%2520draft.json"),
        ("a\\b:c", "a%5Cb%3Ac.json"),
        ("tab\there", "tab%09here.json"),
    ],
)
def test_document_ids_map_to_files_inside_the_docs_folder(doc_id, expected):
    assert document_file(doc_id).as_posix() == expected


@pytest.mark.parametrize("doc_id", ["", "/etc/passwd", "../verdicts", "sub/../../x", "a//b", "./a", "a/", "nul\x00"])
def test_ids_that_could_leave_the_docs_folder_are_refused(doc_id):
    with pytest.raises(StoreError):
        document_file(doc_id)


def test_a_very_long_id_gets_a_short_distinct_file_name():
    first, second = document_file("x" * 300 + "1"), document_file("x" * 300 + "2")
    assert first != second
    assert all(len(part.encode()) <= 255 for path in (first, second) for part in path.parts)


# ---------------------------------------------------------------- the store cannot be fooled


def test_a_hand_edited_claims_file_is_detected_and_parsed_again(corpus):
    write_corpus(corpus, {"a.txt": "2024-03-01\nThe harbour has 7 cranes, the port said.\n"})
    assert invoke("check", "docs/a.txt", "--quiet").exit_code == 0
    path = stored_file(corpus, "a")
    data = json.loads(path.read_text(encoding="utf-8"))
    (quantity,) = [c["quantity"] for c in data["claims"] if c.get("quantity") and c["quantity"]["value"] == 7]
    quantity.update(value=7000.0, low=7000.0, high=7000.0)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    result = invoke("check", "docs/a.txt", "--format", "json")

    no_traceback(result)
    assert "claims/docs/a.json" in result.stderr and "digest" in result.stderr
    values = [c["quantity"]["value"] for c in json.loads(result.stdout)["claims"] if c.get("quantity")]
    assert 7 in values and 7000 not in values
    assert "7000" not in path.read_text(encoding="utf-8")


def test_a_claims_file_that_is_not_utf8_is_a_cache_miss_named_on_stderr(checked):
    path = stored_file(checked, "a")
    good = path.read_bytes()
    path.write_bytes(good.replace(b"Northgate", b"North\xe9gate", 1))

    result = invoke("check", "docs")

    no_traceback(result)
    assert result.exit_code == 1
    assert "claims/docs/a.json: not UTF-8" in result.stderr
    assert path.read_bytes() == good
    assert "1 parsed" in result.stderr


@pytest.mark.parametrize(
    "content",
    [b"", b"[1, 2, 3]\n", b'{"name": "mine"}\n', b'{"document": {}, "extractor": "x", "claims": []}\n', b"\xff\xfe{}"],
)
def test_a_foreign_or_damaged_claims_file_is_parsed_again(checked, content):
    path = stored_file(checked, "b")
    good = path.read_bytes()
    path.write_bytes(content)
    run = run_check([Path("docs")], claims_dir=Path("claims"))
    assert run.parsed == ["b"]
    assert any("claims/docs/b.json" in note for note in run.notes)
    assert path.read_bytes() == good


def test_any_edit_of_a_claims_file_even_reformatting_is_detected(checked):
    path = stored_file(checked, "a")
    good = path.read_bytes()
    path.write_text(json.dumps(json.loads(good), indent=2, sort_keys=True, ensure_ascii=False) + "\n ", encoding="utf-8")
    run = run_check([Path("docs")], claims_dir=Path("claims"))
    assert run.parsed == ["a"] and "does not match its digest" in run.notes[0]
    assert path.read_bytes() == good


def test_a_warm_run_renders_no_stored_file_again(checked, monkeypatch):
    """Verified files are current as they are: neither the --ci comparison nor the save renders them."""
    def refuse(stored):
        raise AssertionError(f"{stored.document.id} rendered again")

    monkeypatch.setattr(claim_store, "dump_claims", refuse)
    run = run_check([Path("docs")], claims_dir=Path("claims"))
    assert run.parsed == [] and run.stale == [] and not run.result.errors


def test_the_old_flat_layout_is_removed_and_never_read(checked):
    old = checked / "claims" / "a.json"
    old.write_bytes(stored_file(checked, "a").read_bytes())
    mine = checked / "claims" / "mine.json"
    mine.write_text('{"not": "a claims file"}\n', encoding="utf-8")

    ci = invoke("check", "docs", "--ci")
    assert old.exists() and "claims/a.json" in ci.stderr  # --ci writes nothing, says what is stale

    result = invoke("check", "docs")
    assert not old.exists() and mine.exists()
    assert "old store layout" in result.stderr
    assert json.loads((checked / "claims" / "verdicts.json").read_text(encoding="utf-8")) == VERDICTS


def test_temporary_files_of_a_killed_run_are_removed(checked):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    folder = checked / "claims" / "docs"
    of_dead_writer = folder / f".a.json.{int(dead.stdout)}.k3j2h1.tmp"
    of_old_layout = checked / "claims" / ".b.json.x8y7z6w5.tmp"
    of_live_writer = folder / f".b.json.{os.getpid()}.q1w2e3.tmp"
    for path in (of_dead_writer, of_old_layout, of_live_writer):
        path.write_text("partial", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(of_old_layout, (hour_ago, hour_ago))

    result = invoke("check", "docs")

    assert not of_dead_writer.exists() and not of_old_layout.exists()
    assert of_live_writer.exists()  # a write in progress (here: this process) is left alone
    assert "interrupted run" in result.stderr


def test_a_fresh_temporary_file_without_a_pid_is_kept(tmp_path):
    fresh = tmp_path / ".a.json.abcdefgh.tmp"
    fresh.write_text("partial", encoding="utf-8")
    assert remove_stale_temporaries(tmp_path) == []
    assert remove_stale_temporaries(tmp_path, now=time.time() + 3600) == [fresh]


# ---------------------------------------------------------------- store faults: exit 2, named, report still out


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EROFS, "Read-only file system"), (errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")],
)
def test_a_store_that_cannot_be_written_is_exit_2_with_the_report(corpus, monkeypatch, code, words):
    def refuse(*args, dir=None, **kwargs):
        raise OSError(code, os.strerror(code), str(dir))

    monkeypatch.setattr(claim_store.tempfile, "mkstemp", refuse)

    result = invoke("check", "docs", "--format", "json")

    no_traceback(result)
    assert result.exit_code == 2
    assert words in result.stderr and "claims" in result.stderr
    report = json.loads(result.stdout)
    assert len(report["findings"]) == 1
    assert [e["stage"] for e in report["errors"]] == ["store", "store"]  # the documents, CONTRADICTIONS.md
    assert json.loads((corpus / "claims" / "verdicts.json").read_text(encoding="utf-8")) == VERDICTS


def make_read_only(monkeypatch, folder: Path) -> None:
    """Simulate a read-only file system under ``folder`` (tests run as root, so ``chmod`` would not
    stop a write): every call that would create, change or remove something there fails with EROFS,
    reading still works."""
    import builtins
    import io

    folder = folder.resolve()

    def inside(path) -> bool:
        try:
            return Path(os.fsdecode(path)).resolve().is_relative_to(folder)
        except (TypeError, ValueError):
            return False

    def refuse(path):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))

    def guard(original, writes=lambda *a, **k: True):
        def guarded(path, *args, **kwargs):
            if not isinstance(path, int) and inside(path) and writes(*args, **kwargs):
                refuse(path)
            return original(path, *args, **kwargs)
        return guarded

    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    monkeypatch.setattr(os, "open", guard(os.open, lambda flags, *a, **k: bool(flags & write_flags)))
    opens_for_writing = lambda mode="r", *a, **k: any(c in mode for c in "wax+")
    monkeypatch.setattr(builtins, "open", guard(builtins.open, opens_for_writing))
    monkeypatch.setattr(io, "open", guard(io.open, opens_for_writing))
    real_mkdir = os.mkdir
    monkeypatch.setattr(os, "mkdir", lambda path, *a, **k: real_mkdir(path, *a, **k) if os.path.exists(path) or not inside(path) else refuse(path))  # EEXIST comes first
    for name in ("unlink", "remove", "rmdir", "chmod", "utime"):
        monkeypatch.setattr(os, name, guard(getattr(os, name)))
    for name in ("replace", "rename"):
        original = getattr(os, name)
        monkeypatch.setattr(os, name, lambda src, dst, *a, _o=original, **k: refuse(dst) if inside(src) or inside(dst) else _o(src, dst, *a, **k))


def test_a_read_only_store_still_reports_and_gates_and_loses_nothing(checked, monkeypatch):
    """On a read-only ``claims/``: ``check`` prints its report and exits 2 naming the folder,
    ``check --ci`` (which writes nothing) gates as usual, ``review`` refuses with a message; no
    traceback, and every file stays as it was."""
    (checked / "docs" / "a.txt").write_text(ARTICLES["a.txt"] + "Traffic rose 4% in 2023.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (checked / "claims").rglob("*") if p.is_file()}
    (stale := checked / "claims" / "docs" / ".a.json.999999.abcd.tmp").write_text("{", encoding="utf-8")
    before[stale] = b"{"
    make_read_only(monkeypatch, checked / "claims")

    result = invoke("check", "docs", "--format", "json")
    no_traceback(result)
    assert result.exit_code == 2
    assert "Read-only file system" in result.stderr and "claims" in result.stderr
    assert len(json.loads(result.stdout)["findings"]) == 1

    gate = invoke("check", "docs", "--ci", "--format", "json")
    no_traceback(gate)
    assert gate.exit_code == 1, gate.stderr  # the unreviewed finding, and nothing else
    (finding,) = json.loads(gate.stdout)["findings"]
    assert not json.loads(gate.stdout).get("errors")

    review = invoke("review", finding["id"], "accepted", "--note", "lost?")  # a.txt must be stored first
    no_traceback(review)
    assert review.exit_code == 2
    assert "Read-only file system" in review.stderr and "claims" in review.stderr
    (checked / "docs" / "a.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")  # the store is current again
    review = invoke("review", finding["id"], "accepted", "--note", "lost?")
    no_traceback(review)
    assert review.exit_code == 2
    assert "Read-only file system" in review.stderr and "claims/verdicts.json" in review.stderr

    monkeypatch.undo()
    assert {p: p.read_bytes() for p in (checked / "claims").rglob("*") if p.is_file()} == before


def test_a_full_disk_during_the_write_leaves_the_old_file_and_no_temporary(checked, monkeypatch):
    (checked / "docs" / "a.txt").write_text(ARTICLES["a.txt"] + "Traffic rose 4% in 2023.\n", encoding="utf-8")
    before = stored_file(checked, "a").read_bytes()

    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, text):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(claim_store.os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    result = invoke("check", "docs")

    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert stored_file(checked, "a").read_bytes() == before
    assert not [p for p in (checked / "claims").rglob("*.tmp")]


def test_claims_being_a_file_is_exit_2_naming_it(corpus):
    (corpus / "claims" / "verdicts.json").unlink()
    (corpus / "claims").rmdir()
    (corpus / "claims").write_text("not a folder\n", encoding="utf-8")
    result = invoke("check", "docs")
    no_traceback(result)
    assert result.exit_code == 2
    assert "not a folder" in result.stderr or "claims/verdicts.json: cannot be read: Not a directory" in result.stderr
    assert (corpus / "claims").read_text(encoding="utf-8") == "not a folder\n"


def test_a_claims_file_that_is_a_folder_is_exit_2_and_the_rest_is_checked(checked):
    path = stored_file(checked, "a")
    path.unlink()
    path.mkdir()
    result = invoke("check", "docs", "--format", "json")
    no_traceback(result)
    assert result.exit_code == 2
    assert "claims/docs/a.json" in result.stderr
    report = json.loads(result.stdout)
    assert [d["id"] for d in report["documents"]] == ["a", "b"] and len(report["findings"]) == 1


def test_verdicts_being_a_folder_is_exit_2_naming_it(corpus):
    (corpus / "claims" / "verdicts.json").unlink()
    (corpus / "claims" / "verdicts.json").mkdir()
    result = invoke("check", "docs")
    no_traceback(result)
    assert result.exit_code == 2
    assert "verdicts.json" in result.stderr


# ---------------------------------------------------------------- the error boundary


def break_claims_of(monkeypatch, doc_id: str | None, exc: BaseException) -> None:
    """Make building the claims of ``doc_id`` (of every document for None) raise ``exc``, whichever
    way the runner reaches the claims builder (one document at a time or in batches)."""
    import factlint.claims
    import factlint.claims.builder

    real = factlint.claims.builder.build_claims

    def breaks(document, doc):
        if doc_id is None or document.id == doc_id:
            raise exc
        return real(document, doc)

    monkeypatch.setattr(factlint.claims.builder, "build_claims", breaks)
    monkeypatch.setattr(factlint.claims, "build_claims", breaks, raising=False)


def test_a_document_that_breaks_the_extractor_is_an_error_and_the_rest_is_checked(corpus, monkeypatch):
    write_corpus(corpus, {"c.txt": "2024-03-03\nThe Northgate bridge cost $40 million, officials said.\n"})
    break_claims_of(monkeypatch, "b", IndexError("string index out of range"))

    result = invoke("check", "docs", "--format", "json")

    no_traceback(result)
    assert result.exit_code == 2
    assert "docs/b.txt" in result.stderr and "IndexError: string index out of range" in result.stderr
    report = json.loads(result.stdout)
    assert [d["id"] for d in report["documents"]] == ["a", "c"]
    assert [(e["path"], e["stage"]) for e in report["errors"]] == [("docs/b.txt", "claims")]
    assert not stored_file(corpus, "b").exists()


def test_a_file_that_breaks_the_reader_is_an_error_and_the_rest_is_checked(corpus, monkeypatch):
    import factlint.corpus.reader as reader

    real = reader.parse_document_date

    def breaks_on_b(line):
        if line.startswith("2024-03-02"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(line)

    monkeypatch.setattr(reader, "parse_document_date", breaks_on_b)
    result = invoke("check", "docs", "--format", "json")
    no_traceback(result)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [d["id"] for d in report["documents"]] == ["a"]
    assert [(e["path"], e["stage"]) for e in report["errors"]] == [("docs/b.txt", "read")]


def test_the_stage_is_where_in_factlint_the_exception_was_raised():
    package = Path(factlint.__file__).resolve().parent
    for folder, stage in (("nlp", "parse"), ("claims", "claims"), ("cluster", "extract")):
        code = compile("raise IndexError('x')", str(package / folder / "somewhere.py"), "exec")
        try:
            exec(code)
        except IndexError as exc:
            assert stage_of(exc) == stage


def test_an_internal_error_outside_any_document_is_exit_2_with_one_line(corpus, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("cluster")

    monkeypatch.setattr(factlint.runner, "build_graph", broken)
    result = invoke("check", "docs")
    no_traceback(result)
    assert result.exit_code == 2
    assert "internal error: KeyError: 'cluster'" in result.stderr
    assert "FACTLINT_TRACEBACK=1" in result.stderr

    verbose = invoke("check", "docs", env={"FACTLINT_TRACEBACK": "1"})
    assert verbose.exit_code == 2
    assert "Traceback (most recent call last)" in verbose.stderr and "build_graph" in verbose.stderr


def test_verbose_prints_the_traceback_of_a_document_that_failed(corpus, monkeypatch):
    break_claims_of(monkeypatch, None, ZeroDivisionError("division by zero"))
    quiet = invoke("check", "docs")
    verbose = invoke("check", "docs", "--verbose")
    assert quiet.exit_code == verbose.exit_code == 2
    assert "Traceback" not in quiet.stderr
    assert "traceback for docs/a.txt" in verbose.stderr and "ZeroDivisionError" in verbose.stderr


def test_the_process_pool_keeps_working_when_a_document_fails(corpus, monkeypatch):
    write_corpus(corpus, {"c.txt": "2024-03-03\nThe Northgate bridge cost $40 million, officials said.\n"})
    break_claims_of(monkeypatch, "b", MemoryError())  # forked workers inherit it
    run = run_check([Path("docs")], claims_dir=Path("claims"), jobs=2)
    assert run.parsed == ["a", "c"]
    assert [(e.path, e.stage) for e in run.result.errors] == [("docs/b.txt", "claims")]
    assert "MemoryError" in run.result.errors[0].reason


# ---------------------------------------------------------------- what people see


ESC_ARTICLES = {
    "a.txt": "2024-03-01\nThe \x1b[8mNorthgate bridge cost $40 million to build, officials said \x1b[2J\u202e.\n",
    "b.txt": ARTICLES["b.txt"],
}


@pytest.mark.parametrize("fmt", ["table", "md", "github", "html"])
def test_control_characters_in_an_article_reach_no_human_facing_output(corpus, fmt):
    write_corpus(corpus, ESC_ARTICLES)
    result = invoke("check", "docs", "--format", fmt)
    no_traceback(result)
    assert result.exit_code == 1
    for text in (result.stdout, result.stderr, (corpus / "claims" / "CONTRADICTIONS.md").read_text(encoding="utf-8")):
        assert "\x1b" not in text and "\u202e" not in text
    assert "[8m" not in result.stdout and "[2J" not in result.stdout  # terminal escapes are blanked when read


def test_control_characters_in_a_file_name_reach_no_message(corpus):
    (corpus / "docs" / "evil\x1b[2J.txt").write_bytes(b"\xff not utf-8\n")
    result = invoke("check", "docs")
    assert result.exit_code == 2
    assert "evil\\x1b[2J.txt" in result.stderr and "\x1b" not in result.output


def test_machine_formats_keep_the_text_exactly():
    assert escape_controls("a\x1bb\tc\nd\u202ee\ud800") == "a\\x1bb\tc\nd\\u202ee\\ud800"
    assert escape_controls("plain “quoted” text, 40 € – ok") == "plain “quoted” text, 40 € – ok"


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_a_byte_order_mark_does_not_change_finding_ids(tmp_path, monkeypatch, name):
    """A leading BOM is no part of the first line (the date line still reads as a date, the first
    claim's sentence does not hold it) and changes no finding id; offsets still index the decoded
    file, BOM included."""
    monkeypatch.chdir(tmp_path)
    first = "2024-03-01\nThe Northgate bridge cost $40 million to build, officials said.\n"
    reports = []
    for folder, prefix in (("plain", ""), ("bom", "\ufeff")):
        docs = write_corpus(tmp_path / folder, {"b.txt": ARTICLES["b.txt"]})
        (docs / name).write_bytes((prefix + first).encode("utf-8"))
        run = run_check([docs], claims_dir=tmp_path / folder / "claims")
        doc_claims = [c for c in run.result.claims if c.doc == "a"]
        assert doc_claims and not any("\ufeff" in c.sentence for c in doc_claims)
        assert all((prefix + first)[c.start : c.end] == c.text for c in doc_claims)
        reports.append(({d.id: d.date for d in run.result.documents}, sorted(f.id for f in run.result.findings),
                        [(c.start - len(prefix), c.sentence, c.line) for c in doc_claims]))
    assert reports[0][1] and reports[0] == reports[1]
    assert reports[1][0]["a"] is not None


# ---------------------------------------------------------------- `factlint parse` input


def test_parse_takes_any_bytes_on_argv_and_stdin_in_a_real_process(tmp_path):
    script = (
        "import os, subprocess, sys\n"
        "argv = [sys.executable, '-m', 'factlint', 'parse', '--format', 'jsonl']\n"
        "bad = b'Exports rose \\xff\\xfe 30% to $240bn in \\xed\\xa0\\x80 2023'\n"
        "a = subprocess.run(argv + [os.fsdecode(bad)], capture_output=True)\n"
        "b = subprocess.run(argv + ['-'], input=bad + b'\\nImports fell 5%.\\n', capture_output=True)\n"
        "for r in (a, b):\n"
        "    sys.stdout.buffer.write(b'%d\\n' % r.returncode + r.stdout + b'\\n--\\n' + r.stderr + b'\\n==\\n')\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300, cwd=tmp_path).stdout
    runs = out.split(b"\n==\n")[:2]
    assert len(runs) == 2, out
    for run in runs:
        code, rest = run.split(b"\n", 1)
        stdout, stderr = rest.split(b"\n--\n")
        assert code == b"0", stderr
        assert b"Traceback" not in stderr
        rows = [json.loads(line) for line in stdout.decode("utf-8").splitlines()]
        assert rows[0]["text"].startswith("Exports rose \ufffd")
        assert any(q["text"] == "30%" for q in rows[0]["quantities"])


def test_parse_numbers_lines_as_check_does(corpus):
    """Lines are ``\n``-separated everywhere: U+2028 and a form feed stay inside their line in
    ``parse`` as in ``check``; a BOM and the ``\r`` of CRLF are not part of a line's text."""
    text = "\ufeffThe Northgate bridge cost $40 million\u2028to build.\r\nIt opened\x0cin 2019 and carried 3,000 cars a day.\r\n"
    article = corpus / "docs" / "c.txt"
    article.write_bytes(text.encode("utf-8"))
    report = json.loads(invoke("check", "docs", "--format", "json", "--quiet").stdout)
    check_lines = {c["text"]: c["line"] for c in report["claims"] if c["doc"] == "c"}
    for args, stdin in ((["--file", str(article)], None), (["-"], text)):
        result = CliRunner().invoke(app, ["parse", *args, "--format", "jsonl"], input=stdin)
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.stdout.split("\n") if line]
        assert [row["line"] for row in rows] == [1, 2]
        assert rows[0]["text"] == "The Northgate bridge cost $40 million\u2028to build."
        assert rows[1]["text"].endswith("a day.")
        parse_lines = {m["text"]: row["line"] for row in rows for m in row["quantities"] + row["dates"]}
        assert parse_lines["$40 million"] == check_lines["$40 million"] == 1
        assert parse_lines["2019"] == 2 and check_lines[next(t for t in check_lines if "3,000" in t)] == 2


# ---------------------------------------------------------------- a 5 MB article on one line

FIVE_MB = 5_000_000


FILLER = " ".join("Qu" + "v" * 120 + letter for letter in "bcdf") + ". "
"""A sentence of long made-up words: no digit or calendar word, so that with gating on the model
reads only the facts (the test is about size, the benchmark about time)."""


def five_mb_single_line(fact: str) -> tuple[str, list[int]]:
    """One line of at least 5 MB: the fact at the start, in the middle and at the end, between
    copies of the filler sentence."""
    half = FILLER * (FIVE_MB // (2 * len(FILLER)) + 1)
    text = fact + half + fact + half + fact
    starts = [0, len(fact) + len(half), len(text) - len(fact)]
    return text + "\n", starts


def test_a_5_mb_single_line_article_is_checked(corpus, monkeypatch):
    """No size limit: past spaCy's 1,000,000-character limit, on one line, the article is checked,
    its claims keep their offsets, it contradicts another article, and the store takes it."""
    monkeypatch.setenv("FACTLINT_GATING", "1")
    fact = "The Northgate bridge cost $70 million to build, officials said. "
    text, starts = five_mb_single_line(fact)
    assert len(text) > FIVE_MB and text.count("\n") == 1
    (corpus / "docs" / "big.txt").write_text(text, encoding="utf-8")
    # another report of the same story (it shares the big article's rare words) with another figure
    (corpus / "docs" / "c.txt").write_text(fact.replace("$70", "$90") + FILLER + "\n", encoding="utf-8")

    result = invoke("check", "docs", "--format", "json", "--quiet")

    no_traceback(result)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report.get("errors", []) == []
    big = [c for c in report["claims"] if c["doc"] == "big" and c["text"] == "$70 million"]
    assert [c["start"] for c in big] == [start + fact.index("$70") for start in starts]
    assert {c["line"] for c in big} == {1}
    assert any(set(f["claims"]) & {c["id"] for c in big} for f in report["findings"])
    assert stored_file(corpus, "big").is_file()
    again = invoke("check", "docs", "--format", "json", "--quiet")
    assert again.exit_code == 1 and again.stdout == result.stdout  # and read back from the store


# ---------------------------------------------------------------- long runs without white space


def test_the_tokenizer_never_reads_a_run_longer_than_its_bound(nlp, monkeypatch):
    """spaCy strips a run's prefixes and suffixes one per pass over the whole run (16,000 nested
    parentheses took 22 s): no run longer than MAX_RUN_CHARS reaches it, and the mentions around a
    long run keep their offsets."""
    from factlint.nlp import pipeline

    text = ("The bridge cost $40 million (" + "(" * 3000 + "x" + ")" * 3000 + ") in 2019; "
            + "'s" * 2000 + " then 7 km more, " + "a" * 900 + "," * 700 + " in May 2020.")
    given = []
    tokenizer = nlp.tokenizer
    monkeypatch.setattr(nlp, "tokenizer", lambda t: given.append(t) or tokenizer(t))
    doc = pipeline.analyse(text, gated=False)
    assert doc.text == text
    assert max(len(run) for t in given for run in t.split()) <= pipeline.MAX_RUN_CHARS
    found = {q.text for q in doc._.fl_quantities} | {d.text for d in doc._.fl_dates}
    assert {"$40 million", "2019", "7 km", "May 2020"} <= found
    for mention in doc._.fl_quantities + doc._.fl_dates:
        assert text[mention.start : mention.end] == mention.text


RUN_PARTS = st.sampled_from(["(", ")", "'s", "$", "%", "x", "7", ",", ".", "-", "/", "“", "Port"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(["The port", " handled", " 5 ships", " in 2019.", "\n", "  ", " (", ") "]),
    st.tuples(RUN_PARTS, st.integers(1, 300)).map(lambda p: p[0] * p[1]),
), max_size=12))
def test_bounded_tokenizing_keeps_the_text_and_every_short_token(nlp, parts):
    from factlint.nlp.pipeline import MAX_RUN_CHARS, tokenize

    text = "".join(parts)
    doc = tokenize(nlp, text)
    assert doc.text == text
    assert all(len(token.text) <= MAX_RUN_CHARS for token in doc)
    # outside the runs that had to be cut, the tokens are spaCy's own
    long_runs = [(m.start(), m.end()) for m in re.finditer(r"\S{%d,}" % (MAX_RUN_CHARS + 1), text)]
    outside = lambda d: [(t.idx, t.text) for t in d if not any(lo <= t.idx < hi for lo, hi in long_runs)]
    assert outside(doc) == outside(nlp.tokenizer(text))


def test_a_number_beyond_any_float_is_no_quantity_and_no_crash(nlp):
    from factlint.nlp.pipeline import analyse, mentions_of

    mentions = mentions_of(analyse("The model gave 2x10^999 metres, then 3x10^9 metres."))
    assert [q.value for q in mentions.quantities] == [3e9]


def test_ids_with_folders_are_stored_loaded_and_found_orphaned(tmp_path):
    from factlint.models import Document
    from factlint.store import ClaimStore, StoredClaims, extractor_version

    store = ClaimStore(tmp_path / "claims")
    document = Document(id="sub/index", path="corpus/sub/index.md", sha256="0" * 64)
    record = StoredClaims(document=document, extractor=extractor_version(), claims=[])
    assert store.save_all([record]) == []
    assert (tmp_path / "claims" / "docs" / "sub" / "index.json").is_file()
    assert ClaimStore(tmp_path / "claims").load(document) == record
    assert store.orphans({"sub/index"}) == []
    assert store.orphans({"index"}) == [tmp_path / "claims" / "docs" / "sub" / "index.json"]

    escaping = Document(id="../verdicts", path="x.txt", sha256="0" * 64)
    (error,) = store.save_all([StoredClaims(document=escaping, extractor="x", claims=[])])
    assert error.stage == "store" and "cannot be stored" in error.reason
    assert sorted(p.name for p in (tmp_path / "claims").iterdir()) == ["docs"]


def test_a_check_killed_at_any_moment_leaves_a_store_the_next_run_repairs(corpus):
    """SIGKILL a real `factlint check` at several moments, then check again: no temporary file is
    left, the verdicts are intact, and the store and report are what an uninterrupted run gives."""
    import signal

    write_corpus(corpus, {f"c{n}.txt": f"2024-04-0{n}\nThe ferry carried {n * 100} cars in 2023, its owner said.\n" for n in range(1, 9)})
    command = [sys.executable, "-m", "factlint", "check", "docs", "--format", "json", "--quiet"]
    clean = subprocess.run(command, capture_output=True, text=True, cwd=corpus, timeout=300)
    expected = {p.relative_to(corpus).as_posix(): p.read_bytes() for p in sorted((corpus / "claims").rglob("*")) if p.is_file()}
    for delay in (1.0, 2.0, 3.0):
        for path in (corpus / "claims" / "docs").glob("*.json"):
            path.write_text("{}", encoding="utf-8")  # every document is written again
        process = subprocess.Popen(command, cwd=corpus, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert json.loads((corpus / "claims" / "verdicts.json").read_text(encoding="utf-8")) == VERDICTS
    again = subprocess.run(command, capture_output=True, text=True, cwd=corpus, timeout=300)
    assert again.stdout == clean.stdout
    after = {p.relative_to(corpus).as_posix(): p.read_bytes() for p in sorted((corpus / "claims").rglob("*")) if p.is_file()}
    assert after == expected


def test_the_python_api_takes_lone_surrogates_and_keeps_offsets():
    text = "Exports \ud800 rose 5% in 2023"
    mentions = factlint.parse(text)
    (quantity,) = mentions.quantities
    assert text[quantity.start : quantity.end] == quantity.text == "5%"
