"""Helpers shared by the task queue's tests."""

from __future__ import annotations

import anyio.to_thread

from infrahub_server.api.context import ServerContext
from infrahub_server.tasks import TaskRecord


async def finished(server: ServerContext, task_id: str, timeout: float = 10.0) -> TaskRecord:
    """The task once it is completed, failed or canceled."""
    return await anyio.to_thread.run_sync(server.tasks.wait, task_id, timeout)
