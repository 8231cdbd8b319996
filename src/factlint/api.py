"""The Python API: ``factlint.check`` and ``factlint.parse``.

This module imports nothing heavy at import time (the spaCy pipeline loads on the first call), so
``import factlint`` stays cheap for the command line and for tools that only want the models.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from factlint.config import Config
    from factlint.models import CheckResult, Mentions


def check(
    paths: Iterable[str | Path] | str | Path,
    *,
    claims_dir: str | Path | None = None,
    jobs: int = 1,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: Config | None = None,
) -> CheckResult:
    """Check the articles under ``paths`` (files or folders) and return the result.

    The result is the record behind ``factlint check --format json``: documents, claims, clusters
    and findings (with the status their verdict in ``claims_dir/verdicts.json`` gives). With a
    ``claims_dir``, claims are cached there and its verdicts apply, as with `factlint check`;
    without one, nothing is read or written (every finding is ``new``). ``select``/``ignore`` take rule codes or prefixes (``"FL001"``, ``"FL00"``);
    ``config`` (from :func:`factlint.config.load_config`) supplies severities, excludes and
    defaults; explicit arguments win over it.
    """
    from dataclasses import replace

    from factlint.config import Config, check_codes
    from factlint.rules_doc import rule_codes
    from factlint.runner import run_check, select_findings

    if isinstance(paths, (str, Path)):
        paths = [paths]
    config = config or Config()
    if select is not None:
        config = replace(config, select=tuple(code.upper() for code in select))
    if ignore is not None:
        config = replace(config, ignore=tuple(code.upper() for code in ignore))
    check_codes(config, rule_codes())
    if claims_dir is None:
        with tempfile.TemporaryDirectory(prefix="factlint-") as scratch:
            run = run_check([Path(p) for p in paths], claims_dir=Path(scratch), jobs=jobs, write=False, config=config)
    else:
        run = run_check([Path(p) for p in paths], claims_dir=Path(claims_dir), jobs=jobs, write=True, config=config)
    return select_findings(run.result, config)


def parse(text: str, *, date: dt.date | str | None = None) -> Mentions:
    """The quantities, dates, ordinals and entities factlint reads in ``text``.

    ``date`` (a ``datetime.date`` or ``"YYYY-MM-DD"``) is the document date that relative dates
    ("last year") resolve against. Offsets are into ``text``.
    """
    from factlint.cli_input import mask_surrogates
    from factlint.nlp.pipeline import analyse, mentions_of

    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return mentions_of(analyse(mask_surrogates(text), doc_date=date))  # lone surrogates crash the tokenizer
