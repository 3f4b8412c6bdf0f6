"""Run many calls with bounded concurrency: `client.create_batch()`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any


@dataclass
class BatchTask:
    task: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    node: Any | None = None


class InfrahubBatch:
    """Async batch; `execute()` yields `(node, result)` in completion order."""

    def __init__(
        self,
        semaphore: asyncio.Semaphore | None = None,
        max_concurrent_execution: int = 5,
        return_exceptions: bool = False,
    ) -> None:
        self._tasks: list[BatchTask] = []
        self.semaphore = semaphore or asyncio.Semaphore(max_concurrent_execution)
        self.return_exceptions = return_exceptions

    @property
    def num_tasks(self) -> int:
        return len(self._tasks)

    def add(self, *args: Any, task: Callable[..., Any], node: Any | None = None, **kwargs: Any) -> None:
        self._tasks.append(BatchTask(task=task, args=args, kwargs=kwargs, node=node))

    async def _run(self, item: BatchTask) -> tuple[Any, Any]:
        async with self.semaphore:
            try:
                return item.node, await item.task(*item.args, **item.kwargs)
            except Exception as exc:
                if self.return_exceptions:
                    return item.node, exc
                raise

    async def execute(self) -> AsyncGenerator[tuple[Any, Any], None]:
        pending = [asyncio.ensure_future(self._run(item)) for item in self._tasks]
        try:
            for finished in asyncio.as_completed(pending):
                yield await finished
        finally:
            for future in pending:
                future.cancel()


class InfrahubBatchSync:
    """Blocking batch on a thread pool; `execute()` yields `(node, result)` in submission order."""

    def __init__(self, max_concurrent_execution: int = 5, return_exceptions: bool = False) -> None:
        self._tasks: list[BatchTask] = []
        self.max_concurrent_execution = max_concurrent_execution
        self.return_exceptions = return_exceptions

    @property
    def num_tasks(self) -> int:
        return len(self._tasks)

    def add(self, *args: Any, task: Callable[..., Any], node: Any | None = None, **kwargs: Any) -> None:
        self._tasks.append(BatchTask(task=task, args=args, kwargs=kwargs, node=node))

    def _run(self, item: BatchTask) -> tuple[Any, Any]:
        try:
            return item.node, item.task(*item.args, **item.kwargs)
        except Exception as exc:
            if self.return_exceptions:
                return item.node, exc
            raise

    def execute(self) -> Generator[tuple[Any, Any], None, None]:
        with ThreadPoolExecutor(max_workers=self.max_concurrent_execution) as executor:
            yield from executor.map(self._run, self._tasks)
