"""The parsing progress bar: one rich bar on standard error across all parsing jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console


@contextmanager
def parsing_progress(console: Console, *, enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """Yield the runner's ``advance(done, total)`` callback, drawing a bar when ``enabled``.

    The bar appears only once there is something to parse and disappears when the block ends
    (``transient``), so a run that reuses every stored claim prints nothing extra.
    """
    if not enabled:
        yield lambda done, total: None
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
