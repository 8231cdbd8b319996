"""Property tests: no article text and no command line makes an exception escape the error boundary.

* 2,000 corpora of one or two short articles through `factlint check` in-process (the model is
  loaded once per session): every run ends with exit code 0, 1 or 2, prints no traceback, and a
  machine format that still parses; exit code 2 always comes with the files that were not checked.
* `factlint parse` with arbitrary argv (lone surrogates, as Python passes undecodable bytes) and
  arbitrary bytes on standard input: exit code 0 or 2, never a traceback.
* `factlint check` with arbitrary options and paths: likewise.

The article text mixes the vocabulary factlint itself reads (its unit, number and date words, taken
from its pattern files, so nothing here is about any corpus) with numbers, punctuation, Unicode
and control characters. Runs are derandomised so that CI is reproducible; the larger randomised
run is ``bench/robustness/fuzz_parser.py``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factlint.nlp.vocabulary import pattern_vocabulary
from factlint.cli import app

CHECK_EXAMPLES = 2000

def fuzz(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )




numbers = st.one_of(
    st.integers(-10**6, 10**13).map(str),
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.from_regex(r"\A[$€£¥]?[0-9]{1,4}([.,][0-9]{1,3}){0,3}(bn|m|k|%|s)?\Z"),
    st.from_regex(r"\A(1[89]|20)[0-9]{2}(s|-[0-9]{2}(-[0-9]{2})?)?\Z"),
)
punctuation = st.sampled_from(list(" \n\n\t.,;:!?()[]{}\"'’“”-–—/\\%$€£+*=<>&#@^~|") + ["...", "\r\n", "\u2028", "\ufeff"])
odd_characters = st.characters(blacklist_categories=("Cs",))  # a file holds no lone surrogate
token = st.one_of(
    st.sampled_from(pattern_vocabulary()),
    numbers,
    punctuation,
    st.text(alphabet=odd_characters, min_size=1, max_size=6),
    st.from_regex(r"\A[A-Z][a-z]{1,9}('s|’s)?\Z"),
)
article_text = st.lists(token, min_size=0, max_size=40).map(" ".join)
article_bytes = st.one_of(
    article_text.map(lambda text: text.encode("utf-8")),
    st.binary(max_size=200),
)


def _run(args: list[str], **kwargs):
    return CliRunner().invoke(app, args, **kwargs)


def _no_escape(result) -> None:
    """The command ended through its own exit (no exception escaped), without a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output


@fuzz(CHECK_EXAMPLES)
@given(
    articles=st.lists(article_bytes, min_size=1, max_size=2),
    names=st.sampled_from([("a.txt", "b.md"), ("verdicts.txt", "CONTRADICTIONS.md"), ("x\x1b[2J.txt", "sub/y.txt")]),
    fmt=st.sampled_from(["json", "json", "table", "md", "github", "sarif", "csv"]),
)
def test_no_article_makes_an_exception_escape_check(articles, names, fmt):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in zip(names, articles):
            (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "docs" / name).write_bytes(data)
        result = _run(["check", str(root / "docs"), "--claims-dir", str(root / "claims"), "--format", fmt, "--quiet"])
        _no_escape(result)
        event(f"exit code {result.exit_code}")
        if fmt in ("json", "sarif"):
            report = json.loads(result.stdout)
            if fmt == "json":
                event(f"{len(report['claims']) > 0 and 'some' or 'no'} claims")
                for error in report["errors"]:
                    event(f"error at stage {error['stage']}")  # parse, claims or extract: a caught crash
                if result.exit_code == 2:
                    assert report["errors"] or not report["documents"]
        if result.exit_code == 2:
            assert "factlint: " in result.stderr
        assert "\x1b" not in result.stderr
        if fmt in ("table", "md", "github"):
            assert "\x1b" not in result.stdout


# Python passes argv bytes that are not UTF-8 as lone surrogates U+DC80..U+DCFF.
argv_text = st.text(
    alphabet=st.one_of(st.characters(), st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF)), max_size=60
)
parse_options = st.sampled_from(["--format", "jsonl", "table", "--date", "2024-02-29", "-", "--file", "--help", "-f", "--"])


@fuzz(400)
@given(argv=st.lists(st.one_of(argv_text, parse_options), max_size=5), stdin=st.binary(max_size=120))
def test_no_argv_or_stdin_makes_parse_print_a_traceback(argv, stdin):
    result = _run(["parse", *argv], input=stdin)
    _no_escape(result)
    assert result.exit_code in (0, 2)


check_options = st.sampled_from(["--format", "json", "md", "--jobs", "0", "-1", "--ci", "--quiet", "--claims-dir", "-"])


@fuzz(150)
@given(argv=st.lists(st.one_of(argv_text, check_options), max_size=4))
def test_no_argv_makes_check_print_a_traceback(argv):
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # relative paths among the arguments name nothing of the repository
        try:
            result = _run(["check", *argv, "--claims-dir", str(Path(folder) / "claims")])
        finally:
            os.chdir(cwd)
    _no_escape(result)
    assert result.exit_code in (0, 2)  # nothing to check: no findings can be unreviewed
