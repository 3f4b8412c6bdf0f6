"""OpsMill's official SDK task manager (`client.task`) against our server: listing with logs,
related nodes, actions and diagnostics, waiting, retrying and canceling."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cached_venv import cached_venv
from live_server import LiveServer, running_server

from infrahub_server.store.engine import create_store_engine
from infrahub_server.tasks import TaskQueue, TaskState

pytestmark = pytest.mark.compat

OFFICIAL_SDK = ("infrahub-sdk[ctl]==1.23.2", "nornir-infrahub==1.2.0")

SCENARIO = """
import json, sys
from infrahub_sdk import InfrahubClientSync
from infrahub_sdk.task.models import TaskFilter, TaskState

ids = json.loads(sys.argv[1])
client = InfrahubClientSync()
done = client.task.wait_for_completion(id=ids["done"], interval=1, timeout=30)
listed = client.task.filter(
    filter=TaskFilter(workflow=["system.echo"], state=[TaskState.COMPLETED]),
    include_logs=True, include_related_nodes=True, include_actions=True, include_diagnostics=True,
)
failed = client.task.get(id=ids["failed"], include_actions=True, include_diagnostics=True)
retried = client.task.retry(id=ids["failed"])
canceled = client.task.cancel(id=ids["running"])
print(json.dumps({
    "done": [done.state.value, done.title, done.workflow, done.progress],
    "listed": [[t.id, [log.message for log in t.logs], [n.id for n in t.related_nodes]] for t in listed],
    "failed": [failed.state.value, failed.can_retry, failed.can_cancel, failed.error.message],
    "retried": retried,
    "canceled": canceled,
    "count": client.task.count(),
}))
"""


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveServer, TaskQueue]]:
    with running_server(tmp_path) as server:
        engine = create_store_engine(f"sqlite:///{tmp_path / 'infrahub.db'}")
        yield server, TaskQueue(engine)
        engine.dispose()


def test_the_official_task_manager_reads_and_drives_our_tasks(
    live: tuple[LiveServer, TaskQueue], tmp_path: Path
) -> None:
    server, queue = live
    python = cached_venv("official-clients", OFFICIAL_SDK) / "bin" / "python"
    ids = {
        "done": queue.submit("system.echo", {"echo": 1}, title="Echo", related_nodes=["n1"]),
        "failed": queue.submit("system.echo", {"seconds": "soon"}, max_attempts=1),
        "running": queue.submit("system.echo", {"seconds": 60}),
    }
    queue.wait(ids["failed"], 20)
    deadline = time.monotonic() + 20
    while queue.get(ids["running"]).state is not TaskState.RUNNING:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    script = tmp_path / "scenario.py"
    script.write_text(SCENARIO)

    result = subprocess.run(
        [str(python), str(script), json.dumps(ids)],
        env=server.env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["done"] == ["COMPLETED", "Echo", "system.echo", 1.0]
    assert seen["listed"] == [[ids["done"], ["attempt 1 of 3 started", "completed"], ["n1"]]]
    assert seen["failed"] == ["FAILED", True, False, "ValueError: could not convert string to float: 'soon'"]
    assert (seen["retried"], seen["canceled"], seen["count"]) == (ids["failed"], True, 3)
    canceled = queue.wait(ids["running"], 5)
    assert canceled.state is TaskState.CANCELED
    # The state changes at once; the handler notices at its next check and logs what it dropped.
    deadline = time.monotonic() + 10
    while queue.logs(ids["running"])[-1].message.startswith("waiting") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (
        queue.logs(ids["running"])[-1].message
        == "the handler finished after the task was canceled; result dropped"
    )
