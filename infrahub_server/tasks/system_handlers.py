"""Handlers of the queue itself, for checking that tasks run and for the benchmark."""

from __future__ import annotations

import time
from typing import Any

from infrahub_server.tasks.context import TaskContext
from infrahub_server.tasks.registry import task_handler

_CANCEL_CHECK_SECONDS = 0.2


@task_handler("system.echo")
def echo(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    """Wait `seconds` (default 0; stopping early when the task is canceled), then return
    `{"echo": payload.get("echo")}`."""
    seconds = float(payload.get("seconds", 0))
    if seconds > 0:
        task.log(f"waiting {seconds:g} s")
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0 and not task.canceled:
            time.sleep(min(remaining, _CANCEL_CHECK_SECONDS))
    return {"echo": payload.get("echo")}
