"""Task handlers by name. A handler module registers its functions with `@task_handler(name)` and is
listed in `HANDLER_MODULES`; the modules are imported once, the first time a handler is looked up.

A handler is `def handler(task: TaskContext, payload: dict) -> dict | None`: it runs in a worker
thread, its return value becomes the task's result, and an exception fails the attempt.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from infrahub_server.tasks.context import TaskContext

TaskHandler = Callable[["TaskContext", dict[str, Any]], "dict[str, Any] | None"]

HANDLER_MODULES: tuple[str, ...] = (
    "infrahub_server.tasks.system_handlers",
    "infrahub_server.artifacts.tasks",
    "infrahub_server.generator_runs.tasks",
    "infrahub_server.repositories.sync_tasks",
    "infrahub_server.proposed_changes.task_handlers",
)

_HANDLERS: dict[str, TaskHandler] = {}
_load_lock = threading.Lock()
_loaded = False


def task_handler(name: str) -> Callable[[TaskHandler], TaskHandler]:
    def register(handler: TaskHandler) -> TaskHandler:
        _HANDLERS[name] = handler
        return handler

    return register


def _load_handler_modules() -> None:
    global _loaded
    if _loaded:
        return
    with _load_lock:
        if not _loaded:
            for module in HANDLER_MODULES:
                importlib.import_module(module)
            _loaded = True


def handler_for(name: str) -> TaskHandler | None:
    _load_handler_modules()
    return _HANDLERS.get(name)
