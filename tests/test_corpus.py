"""The corpus reader: document ids (paths under the corpus folder), byline dates, newlines, BOM and
duplicate ids.

Offsets must agree with any other tool reading the same file with ``Path.read_text`` (universal
newlines), so the text factlint reads is compared with what ``read_text`` returns, and claims
read from a CRLF copy of an article are compared with those of the LF original.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from factlint.corpus import read_corpus
from factlint.runner import run_check

DEV = Path(__file__).parent / "fixtures" / "dev"

ARTICLE = (
    "March 2, 2024\n"
    "Harbour authority reports record traffic\n"
    "\n"
    "The port handled 12.5 million containers in 2023, up 8% from 2022.\n"
    "\n"
    "A second terminal, opened in May 2021, cost €1.2 billion.\n"
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def claim_spans(claims) -> list[tuple[int, int, int, str]]:
    return [(c.start, c.end, c.line, c.text) for c in claims]


def test_document_ids_are_paths_under_the_folder_and_only_articles_are_read(tmp_path):
    write(tmp_path / "harbour-report.txt", ARTICLE)
    write(tmp_path / "sub" / "deeper" / "city.notes.md", ARTICLE)
    write(tmp_path / "UPPER.TXT", ARTICLE)
    write(tmp_path / "gold.json", '{"not": "an article"}')
    write(tmp_path / "README.rst", ARTICLE)
    write(tmp_path / ".hidden.txt", ARTICLE)

    sources, errors = read_corpus([tmp_path])

    assert errors == []
    assert [s.document.id for s in sources] == ["UPPER", "harbour-report", "sub/deeper/city.notes"]
    by_id = {s.document.id: s.document for s in sources}
    assert Path(by_id["sub/deeper/city.notes"].path) == tmp_path / "sub" / "deeper" / "city.notes.md"
    assert by_id["harbour-report"].sha256 == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()


def test_a_file_given_directly_keeps_its_stem_as_id(tmp_path):
    article = write(tmp_path / "one-off.txt", ARTICLE)
    sources, errors = read_corpus([article])
    assert errors == []
    assert [s.document.id for s in sources] == ["one-off"]


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("March 2, 2024", "2024-03-02"),
        ("20 January 2025", "2025-01-20"),
        ("February 13, 2024", "2024-02-13"),
        ("Harbour authority reports record traffic in 2023", None),
    ],
)
def test_byline_date_is_read_from_the_first_line(tmp_path, first_line, expected):
    write(tmp_path / "a.txt", f"{first_line}\nHeadline\n\nThe port handled 12 ships in 2023.\n")
    (source,), _ = read_corpus([tmp_path])
    assert source.document.date == expected


def test_a_date_below_the_first_line_is_not_a_byline(tmp_path):
    write(tmp_path / "a.txt", "Harbour authority reports record traffic\nMarch 2, 2024\n\nBody.\n")
    (source,), _ = read_corpus([tmp_path])
    assert source.document.date is None


def test_byline_after_a_byte_order_mark_is_still_read(tmp_path):
    write(tmp_path / "a.txt", "\ufeff" + ARTICLE)
    (source,), _ = read_corpus([tmp_path])
    assert source.document.date == "2024-03-02"
    # The mark is read as a space: no sentence holds it, and offsets agree with Path.read_text.
    as_read = (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert source.text == " " + as_read[1:]
    assert len(source.text) == len(as_read)


def test_dev_corpus_dates_match_the_gold_file():
    import json

    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    sources, errors = read_corpus([DEV])
    assert errors == []
    assert {s.document.id: s.document.date for s in sources} == {
        doc_id: meta["date"] for doc_id, meta in gold["documents"].items()
    }


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_text_is_read_as_path_read_text_reads_it(tmp_path, newline):
    path = write(tmp_path / "a.txt", ARTICLE.replace("\n", newline))
    (source,), errors = read_corpus([tmp_path])
    assert errors == []
    assert source.text == path.read_text(encoding="utf-8") == ARTICLE
    assert source.document.date == "2024-03-02"
    # The fingerprint is of the bytes on disk, so a newline change is a change.
    assert source.document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.document.sha256 != hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()


def test_crlf_article_gives_the_same_claims_and_offsets_as_read_text(tmp_path):
    original = (DEV / "gas-trade-2024-figures.txt").read_text(encoding="utf-8")
    write(tmp_path / "lf" / "figures.txt", original)
    crlf_path = write(tmp_path / "crlf" / "figures.txt", original.replace("\n", "\r\n"))

    lf_claims = run_check([tmp_path / "lf"], claims_dir=tmp_path / "claims-lf").result.claims
    crlf_claims = run_check([tmp_path / "crlf"], claims_dir=tmp_path / "claims-crlf").result.claims

    as_read = crlf_path.read_text(encoding="utf-8")
    assert crlf_claims, "the article states figures; some claims are expected"
    for claim in crlf_claims:
        assert as_read[claim.start : claim.end] == claim.text
        assert as_read.count("\n", 0, claim.start) + 1 == claim.line
    assert claim_spans(crlf_claims) == claim_spans(lf_claims)


UNUSUAL_CHARACTERS = (
    "\ufeffMarch 2, 2024\n"
    "Cafe\u0301 owners in Montre\u0301al see \U0001F600 growth\n\n"
    "The re\u0301gion exported 4.5\u00a0million tonnes in 2023, up 12% from 2022.\n\n"
    "Its\tport handled 1,200 ships\u200b in 2022 and 1\u00a0300 ships in 2023. \U0001F6A2 Revenue hit $3.4 billion.\n"
)
"""A byte-order mark, combining accents (NFD), emoji outside the BMP, no-break and zero-width spaces, a tab."""


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_offsets_survive_unusual_characters(tmp_path, newline):
    path = tmp_path / "docs" / "unusual.txt"
    path.parent.mkdir()
    path.write_bytes(UNUSUAL_CHARACTERS.replace("\n", newline).encode("utf-8"))
    run = run_check([path.parent], claims_dir=tmp_path / "claims")
    as_read = path.read_text(encoding="utf-8")
    assert run.result.documents[0].date == "2024-03-02"
    assert {c.text for c in run.result.claims} >= {"4.5\u00a0million tonnes", "$3.4 billion"}
    for claim in run.result.claims:
        assert as_read[claim.start : claim.end] == claim.text
        assert as_read.count("\n", 0, claim.start) + 1 == claim.line


def test_duplicate_ids_are_reported_and_the_first_is_kept(tmp_path):
    first = write(tmp_path / "a" / "report.txt", ARTICLE)
    second = write(tmp_path / "b" / "report.md", ARTICLE)
    write(tmp_path / "b" / "other.txt", ARTICLE)

    # two folders given: each one's files are ids relative to it, so both are "report"
    sources, errors = read_corpus([tmp_path / "a", tmp_path / "b"])

    assert [s.document.id for s in sources] == ["other", "report"]
    assert Path(next(s for s in sources if s.document.id == "report").document.path) == first
    assert len(errors) == 1
    assert Path(errors[0].path) == second
    assert "duplicate" in errors[0].reason and "report" in errors[0].reason
    assert str(first) in errors[0].reason


def test_same_file_given_twice_is_read_once(tmp_path):
    article = write(tmp_path / "a.txt", ARTICLE)
    sources, errors = read_corpus([tmp_path, article, tmp_path / "." / "a.txt"])
    assert errors == []
    assert [s.document.id for s in sources] == ["a"]


@pytest.mark.parametrize(
    ("content", "reason_words"),
    [
        (b"", ["empty"]),
        (b"  \n\n\t\n", ["empty"]),
        (b"Ports\x00 handled 12 ships.\n", ["binary"]),
        ("Caf\u00e9 prices rose 5% in 2023.\n".encode("latin-1"), ["UTF-8"]),
    ],
    ids=["empty", "blank", "nul-bytes", "latin-1"],
)
def test_unreadable_article_is_an_error_not_an_exception(tmp_path, content, reason_words):
    write(tmp_path / "good.txt", ARTICLE)
    write(tmp_path / "bad.txt", content)
    sources, errors = read_corpus([tmp_path])
    assert [s.document.id for s in sources] == ["good"]
    assert [Path(e.path).name for e in errors] == ["bad.txt"]
    for word in reason_words:
        assert word in errors[0].reason


def test_missing_path_is_an_error(tmp_path):
    sources, errors = read_corpus([tmp_path / "nowhere"])
    assert sources == []
    assert [Path(e.path).name for e in errors] == ["nowhere"]
    assert "no such file" in errors[0].reason


# ---------------------------------------------------------------- corpus scope (issue 7)


def test_check_at_a_repository_root_reads_exactly_the_articles(tmp_path, monkeypatch):
    """`factlint check .` where the repository also holds a virtualenv, the claims folder, caches,
    READMEs, ignored and excluded folders: only the articles, with path ids (two index.md apart)."""
    import json

    from typer.testing import CliRunner

    from factlint.cli import app

    article = "The Harbour tunnel carried 4.9 million passengers in 2023.\n"
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    write(tmp_path / ".gitignore", "build/\n*.tmp.md\n")
    write(tmp_path / "pyproject.toml", '[tool.factlint]\nexclude = ["drafts/", "**/*.draft.txt"]\n')
    write(tmp_path / "README.md", "# The project\n\nIt has 3 parts.\n")
    write(tmp_path / "CHANGELOG.md", "## 1.2 (2024)\n")
    write(tmp_path / ".venv" / "pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path / ".venv" / "lib" / "site-packages" / "pkg" / "README.md", "Version 2 of 5.\n")
    write(tmp_path / "env" / "pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path / "env" / "lib" / "notes.txt", "Version 2 of 5.\n")
    write(tmp_path / ".pytest_cache" / "README.md", "pytest cache 1\n")
    write(tmp_path / "claims" / "CONTRADICTIONS.md", "# Contradictions\n\n5 documents.\n")
    write(tmp_path / "claims" / "verdicts.json", "{}\n")
    write(tmp_path / "build" / "out.txt", article)
    write(tmp_path / "drafts" / "d.txt", article)
    write(tmp_path / "seeds" / "sub" / "x.draft.txt", article)
    write(tmp_path / "seeds" / "scratch.tmp.md", article)
    write(tmp_path / "seeds" / "a.txt", article)
    write(tmp_path / "seeds" / "README.md", "# Seeds\n\nThese 5 articles...\n")
    write(tmp_path / "seeds" / "sub" / "index.md", "# Report\n\n" + article)
    write(tmp_path / "docs" / "other" / "index.md", article)

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", ".", "--format", "json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    assert report["errors"] == [], result.stderr
    assert [(d["id"], d["path"]) for d in report["documents"]] == [
        ("docs/other/index", "docs/other/index.md"),
        ("seeds/a", "seeds/a.txt"),
        ("seeds/sub/index", "seeds/sub/index.md"),
    ]
    assert "seeds/README.md: not an article" in " ".join(result.stderr.split())


def test_ids_are_relative_to_the_folder_given(tmp_path):
    write(tmp_path / "corpus" / "a.txt", ARTICLE)
    write(tmp_path / "corpus" / "2024" / "03" / "b.md", ARTICLE)
    sources, errors = read_corpus([tmp_path / "corpus"])
    assert errors == []
    assert [s.document.id for s in sources] == ["2024/03/b", "a"]
    (single,), _ = read_corpus([tmp_path / "corpus" / "2024" / "03" / "b.md"])
    assert single.document.id == "b"


def test_a_negated_gitignore_pattern_is_honoured(tmp_path):
    write(tmp_path / ".gitignore", "*.txt\n!keep.txt\n")
    write(tmp_path / "skip.txt", ARTICLE)
    write(tmp_path / "keep.txt", ARTICLE)
    write(tmp_path / "sub" / ".gitignore", "!skip.txt\n")
    write(tmp_path / "sub" / "skip.txt", ARTICLE)
    sources, errors = read_corpus([tmp_path])
    assert errors == []
    assert [s.document.id for s in sources] == ["keep", "sub/skip"]


def test_links_that_lead_nowhere_and_unlistable_folders_are_reported(tmp_path, monkeypatch):
    import os

    from typer.testing import CliRunner

    from factlint.cli import app

    write(tmp_path / "docs" / "good.txt", ARTICLE)
    (tmp_path / "docs" / "gone.txt").symlink_to(tmp_path / "docs" / "missing.txt")
    (tmp_path / "docs" / "loop.txt").symlink_to(tmp_path / "docs" / "loop.txt")
    (tmp_path / "docs" / "circle").mkdir()
    (tmp_path / "docs" / "circle" / "back").symlink_to(tmp_path / "docs")
    write(tmp_path / "docs" / "locked" / "hidden-away.txt", ARTICLE)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":  # as for a folder without read permission (tests run as root)
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "docs", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 2
    import json

    report = json.loads(result.stdout)
    reasons = {Path(e["path"]).name: e["reason"] for e in report["errors"]}
    assert set(reasons) == {"gone.txt", "loop.txt", "back", "locked"}
    assert "dangling symbolic link" in reasons["gone.txt"]
    assert "symbolic link loop" in reasons["loop.txt"] and "symbolic link loop" in reasons["back"]
    assert "permission denied" in reasons["locked"]
    assert [d["id"] for d in report["documents"]] == ["good"]
    stderr = " ".join(result.stderr.split())
    assert "docs/gone.txt: dangling symbolic link" in stderr


# ---------------------------------------------------------------- Markdown articles


MARKDOWN = (
    "---\n"
    "title: Tunnel traffic\n"
    "date: 2024-03-02\n"
    "---\n"
    "# The *Harbour* tunnel\n"
    "\n"
    "The Harbour tunnel carried **4.9 million passengers** in 2023, according to "
    "[the 2022 report](https://example.org/2021/report-7.pdf \"page 12\").\n"
    "\n"
    "See <https://example.org/2020/stats>.\n"
)


def test_markdown_front_matter_gives_date_and_title_and_markup_is_blanked(tmp_path):
    path = write(tmp_path / "tunnel.md", MARKDOWN)
    (source,), errors = read_corpus([tmp_path])
    assert errors == []
    assert source.document.date == "2024-03-02"
    assert source.document.title == "Tunnel traffic"
    original = path.read_text(encoding="utf-8")
    assert len(source.text) == len(original)
    assert [i for i, ch in enumerate(source.text) if ch == "\n"] == [i for i, ch in enumerate(original) if ch == "\n"]
    for kept, ch in zip(source.text, original):
        assert kept in (ch, " ")
    for markup in ("---", "title:", "*", "[", "](", "https", "2021", "2020", "page 12", "<", "#"):
        assert markup not in source.text, markup
    assert "the 2022 report" in source.text  # link text is prose


def test_markdown_claims_point_into_the_original_file_and_never_come_from_markup(tmp_path):
    path = write(tmp_path / "docs" / "tunnel.md", MARKDOWN)
    run = run_check([tmp_path / "docs"], claims_dir=tmp_path / "claims")
    original = path.read_text(encoding="utf-8")
    texts = [c.text for c in run.result.claims]
    assert "4.9 million passengers" in texts
    assert not any(t in ("2021", "2020", "12", "7") for t in texts), texts
    for claim in run.result.claims:
        assert original.count("\n", 0, claim.start) + 1 == claim.line
        assert original[claim.start : claim.end].replace("*", " ") == claim.text


def test_emphasis_does_not_change_what_is_read(tmp_path):
    plain = "The Harbour tunnel carried over 4.9 million passengers in 2023.\n"
    marked = "The Harbour tunnel carried *over* **4.9 million** passengers in _2023_.\n"
    write(tmp_path / "plain" / "a.txt", plain)
    write(tmp_path / "marked" / "a.md", marked)
    first = run_check([tmp_path / "plain"], claims_dir=tmp_path / "c1").result.claims
    second = run_check([tmp_path / "marked"], claims_dir=tmp_path / "c2").result.claims
    assert [(c.kind, c.quantity.value if c.quantity else None, c.quantity.qualifier if c.quantity else None)
            for c in second] == [(c.kind, c.quantity.value if c.quantity else None,
                                   c.quantity.qualifier if c.quantity else None) for c in first]


def test_broken_front_matter_is_an_input_error(tmp_path):
    write(tmp_path / "good.txt", ARTICLE)
    write(tmp_path / "bad.md", "---\ntitle: [unclosed\n---\nText.\n")
    write(tmp_path / "baddate.md", "---\ndate: soon\n---\nText.\n")
    sources, errors = read_corpus([tmp_path])
    assert [s.document.id for s in sources] == ["good"]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert "front matter is not valid YAML" in reasons["bad.md"]
    assert "not a date" in reasons["baddate.md"]


MARKDOWN_PIECES = ["*", "**", "_", "`", "[", "]", "(", ")", "<", ">", "!", "#", "# ", "> ", "- ", "1. ", "|", "\\",
                   "&amp;", "&#8212;", "\n", "\n\n", "    ", "---\n", "```\n", "http://x.org/2023", "4.9 million",
                   "in 2023", "word", " ", "é", "\t", '"t"', "[a](b)", "![i](j.png)", "<https://a.b/7>"]


def test_blanked_markdown_keeps_length_lines_and_characters():
    """For any mix of Markdown pieces: same length, line breaks where they were, and every
    character either the file's own, a space, or (at an entity's `&`) the character it stands for."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from factlint.corpus.markdown import prose

    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(max_size=4), max_size=40).map("".join))
    def property(source):
        text = prose(source)
        assert len(text) == len(source)
        assert [i for i, ch in enumerate(text) if ch == "\n"] == [i for i, ch in enumerate(source) if ch == "\n"]
        for kept, ch in zip(text, source):
            assert kept == ch or kept == " " or ch == "&"

    property()


def test_a_folder_named_on_the_command_line_is_read_even_if_excluded(tmp_path, monkeypatch):
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    write(tmp_path / ".gitignore", "archive/\n")
    write(tmp_path / "pyproject.toml", '[tool.factlint]\nexclude = ["drafts/"]\n')
    write(tmp_path / "archive" / "old.txt", ARTICLE)
    write(tmp_path / "drafts" / "d.txt", ARTICLE)
    assert [s.document.id for s in read_corpus([tmp_path])[0]] == []
    assert [s.document.id for s in read_corpus([tmp_path / "archive"])[0]] == ["old"]
    assert [s.document.id for s in read_corpus([tmp_path / "drafts"])[0]] == ["d"]


def test_terminal_escapes_are_blanked_not_read_as_figures(tmp_path):
    write(tmp_path / "docs" / "a.txt", "The dam holds \x1b[8m\x1b[1;31m4.2 million\x1b[0m cubic metres of water.\n")
    run = run_check([tmp_path / "docs"], claims_dir=tmp_path / "claims")
    texts = [c.text for c in run.result.claims]
    assert not any("8" in t and "4.2" not in t for t in texts), texts
    assert any(t.startswith("4.2 million") for t in texts), texts
