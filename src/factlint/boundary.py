"""The error boundaries: what an article, a damaged store or a bug may do is end one document's
check, with a message naming the file and the stage, never the run.

Two levels:

* per document (:func:`extraction_error`): any exception while parsing a document or building its
  claims becomes an :class:`~factlint.models.InputError` for that file; the other documents are
  still checked and the run exits 2;
* per command (:func:`describe_failure`): anything that still escapes (a store fault, a bug in
  clustering) is one line on stderr naming the path or the exception, and exit code 2. Exit code 1
  is left to mean only "unreviewed findings".

Set ``FACTLINT_TRACEBACK=1`` (or give a command ``--verbose``) to also print the traceback of every
error caught here.
"""

from __future__ import annotations

import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

import factlint
from factlint.models import InputError

TRACEBACK_VARIABLE = "FACTLINT_TRACEBACK"
REASON_WIDTH = 200

# The stage of a failure is the factlint package its innermost factlint frame belongs to.
_PACKAGE_STAGES = {"nlp": "parse", "claims": "claims", "store": "store", "corpus": "read"}
_PACKAGE_ROOT = Path(factlint.__file__).resolve().parent


_verbose = False


@contextmanager
def tracebacks(enabled: bool):
    """Within this block, print tracebacks as ``FACTLINT_TRACEBACK=1`` does (``--verbose``)."""
    global _verbose
    before, _verbose = _verbose, enabled or _verbose
    try:
        yield
    finally:
        _verbose = before


def wants_traceback() -> bool:
    return _verbose or os.environ.get(TRACEBACK_VARIABLE, "").strip().lower() not in ("", "0", "no", "false")


def short_reason(exc: BaseException) -> str:
    """"IndexError: list index out of range": the type and the first line, cut to REASON_WIDTH."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text if len(text) <= REASON_WIDTH else text[: REASON_WIDTH - 1] + "…"


def stage_of(exc: BaseException, default: str = "extract") -> str:
    """parse, claims, store or read: where in factlint the exception was raised (its innermost
    factlint frame), else ``default``."""
    stage = default
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        try:
            relative = Path(frame.f_code.co_filename).resolve().relative_to(_PACKAGE_ROOT)
        except (ValueError, OSError):
            continue
        stage = _PACKAGE_STAGES.get(relative.parts[0], stage) if len(relative.parts) > 1 else stage
    return stage


def _report_traceback(where: str, exc: BaseException) -> None:
    if wants_traceback():
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        sys.stderr.write(f"factlint: traceback for {where}:\n{text}")


def extraction_error(path: str, exc: Exception, *, doc: str | None = None, default_stage: str = "extract") -> InputError:
    """The input error for document ``doc`` (file ``path``) whose extraction raised ``exc``."""
    stage = stage_of(exc, default_stage)
    _report_traceback(path, exc)
    reason = f"{stage} failed ({short_reason(exc)}); the other files were checked"
    return InputError(path=path, doc=doc, stage=stage, reason=reason)


def reading_error(path: str, exc: Exception, *, doc: str | None = None) -> InputError:
    """The input error for a file whose reading raised something other than an OS or decoding error."""
    return extraction_error(path, exc, doc=doc, default_stage="read")


def describe_failure(exc: BaseException) -> str:
    """One line for an exception that escaped a command: the path for an OS error, else what broke."""
    _report_traceback("the command", exc)
    if isinstance(exc, OSError) and exc.filename is not None:
        target = f"{exc.filename} -> {exc.filename2}" if exc.filename2 is not None else str(exc.filename)
        return f"{target}: {exc.strerror or short_reason(exc)}"
    from factlint.store.claim_store import StoreError

    if isinstance(exc, StoreError):  # a claims folder that cannot be used says what it is
        return str(exc)
    hint = "" if wants_traceback() else f" (--verbose or {TRACEBACK_VARIABLE}=1 shows where)"
    return f"internal error: {short_reason(exc)}{hint}"
