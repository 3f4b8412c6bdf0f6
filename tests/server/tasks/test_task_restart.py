"""Tasks survive the server: one pending at shutdown runs after a restart, and one running when the
process was killed runs again. Real `infrahub-server start` processes on one SQLite file."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from live_server import ADMIN_TOKEN, LiveServer, running_server

from infrahub_server.store.engine import create_store_engine
from infrahub_server.tasks import TaskQueue, TaskState
from infrahub_server.tasks.tables import tasks

pytestmark = pytest.mark.slow


@pytest.fixture
def queue(tmp_path: Path) -> Iterator[TaskQueue]:
    """A queue on the database the servers in `tmp_path` use, as another process would see it."""
    engine = create_store_engine(f"sqlite:///{tmp_path / 'infrahub.db'}")
    yield TaskQueue(engine)
    engine.dispose()


def _task(server: LiveServer, task_id: str) -> dict[str, Any]:
    response = httpx.get(f"{server.address}/api/tasks/{task_id}", headers={"X-INFRAHUB-KEY": ADMIN_TOKEN})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _until(server: LiveServer, task_id: str, state: str, timeout: float = 15.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while (task := _task(server, task_id))["state"] != state:
        assert time.monotonic() < deadline, f"task still {task['state']}:\n{server.log}"
        time.sleep(0.05)
    return task


def test_a_task_pending_at_shutdown_runs_after_a_restart(tmp_path: Path, queue: TaskQueue) -> None:
    with running_server(tmp_path, INFRAHUB_TASK_WORKERS="0") as server:
        task_id = queue.submit("system.echo", {"echo": "after restart"})
        assert _task(server, task_id)["state"] == "pending"

    with running_server(tmp_path) as server:
        task = _until(server, task_id, "completed")

    assert (task["result"], task["attempts"]) == ({"echo": "after restart"}, 1)


def test_a_task_running_when_its_server_was_killed_runs_again(tmp_path: Path, queue: TaskQueue) -> None:
    with running_server(tmp_path) as server:
        task_id = queue.submit("system.echo", {"echo": "again", "seconds": 1.5})
        _until(server, task_id, "running")
        pid = int(_worker_id(queue, task_id).split(":")[1])
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
        assert queue.get(task_id).state is TaskState.RUNNING

    with running_server(tmp_path) as server:
        task = _until(server, task_id, "completed")

    assert (task["result"], task["attempts"]) == ({"echo": "again"}, 2)
    messages = [log["message"] for log in task["logs"]]
    assert "attempt 1 was interrupted: its worker stopped; queued again" in messages


def _worker_id(queue: TaskQueue, task_id: str) -> str:
    with queue.engine.connect() as conn:
        worker_id = conn.execute(sa.select(tasks.c.worker_id).where(tasks.c.id == task_id)).scalar_one()
    assert worker_id is not None
    return str(worker_id)
