"""A rich progress bar for long Nornir runs: one step per host, failures counted as they happen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from nornir.core import Nornir
from nornir.core.inventory import Host
from nornir.core.task import AggregatedResult, MultiResult, Task
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class RichProgress:
    """Nornir processor: `nr.with_processors([RichProgress()]).run(task=...)` shows a bar per task."""

    def __init__(self, console: Console | None = None) -> None:
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._bar: Any = None
        self._failed = 0
        self._lock = threading.Lock()

    def task_started(self, task: Task) -> None:
        self._failed = 0
        self.progress.start()
        self._bar = self.progress.add_task(task.name, total=len(task.nornir.inventory.hosts), failed=0)

    def task_completed(self, task: Task, result: AggregatedResult) -> None:
        self.progress.stop()

    def task_instance_started(self, task: Task, host: Host) -> None:
        return None

    def task_instance_completed(self, task: Task, host: Host, result: MultiResult) -> None:
        with self._lock:  # hosts complete in Nornir's worker threads
            self._failed += int(result.failed)
            self.progress.update(self._bar, advance=1, failed=self._failed)

    def subtask_instance_started(self, task: Task, host: Host) -> None:
        return None

    def subtask_instance_completed(self, task: Task, host: Host, result: MultiResult) -> None:
        return None


def run_with_progress(
    nr: Nornir, task: Callable[..., Any], *, console: Console | None = None, **kwargs: Any
) -> AggregatedResult:
    """`nr.run(task, **kwargs)` with a progress bar."""
    return nr.with_processors([*nr.processors, RichProgress(console)]).run(task=task, **kwargs)
