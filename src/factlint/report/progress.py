"""The parsing progress bar: one rich bar on standard error across all parsing jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console


@contextmanager
def parsing_progress(console: Console, *, mode: str) -> Iterator[Callable[[int, int], None]]:
    """Yield the runner's ``advance(done, total)`` callback.

    ``mode`` is ``bar`` (a terminal: one bar, shown once there is something to parse and removed
    when the block ends), ``line`` (a log: one line when parsing starts, not one per document), or
    ``off`` (--quiet).
    """
    if mode != "bar":
        def announce(done: int, total: int) -> None:
            if mode == "line" and done == 0 and total > 0:
                console.print(f"factlint: parsing {total} document{'s' if total != 1 else ''}")

        yield announce
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("parsing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    task = None

    def advance(done: int, total: int) -> None:
        nonlocal task
        if total <= 0:
            return
        if task is None:
            progress.start()
            task = progress.add_task("parsing", total=total)
        progress.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        if task is not None:
            progress.stop()
