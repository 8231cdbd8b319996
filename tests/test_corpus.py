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
