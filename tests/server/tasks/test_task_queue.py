"""Submitting, running, retrying, canceling and finding tasks in a real server."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from task_harness import finished

from infrahub_server.api.context import ServerContext
from infrahub_server.errors import NodeNotFoundError, ValidationError
from infrahub_server.tasks import TaskContext, TaskState, task_handler

_flaky_calls: dict[str, int] = {}
_flaky_lock = threading.Lock()


@task_handler("test.sum")
def sum_numbers(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    task.log(f"adding {len(payload['numbers'])} numbers")
    task.progress(0.5)
    return {"sum": sum(payload["numbers"]), "branch": task.branch}


@task_handler("test.broken")
def broken(task: TaskContext, payload: dict[str, Any]) -> None:
    raise RuntimeError(f"cannot reach {payload['device']}")


@task_handler("test.flaky")
def flaky(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    with _flaky_lock:
        calls = _flaky_calls[payload["key"]] = _flaky_calls.get(payload["key"], 0) + 1
    if calls == 1:
        raise ConnectionError("device busy")
    return {"calls": calls}


@task_handler("test.parent")
def parent(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    child = task.submit("test.sum", {"numbers": [1, 2]}, title="child")
    return {"child": child}


async def test_a_submitted_task_runs_and_keeps_its_result_and_log(task_server: ServerContext) -> None:
    task_id = task_server.tasks.submit(
        "test.sum", {"numbers": [1, 2, 3]}, branch="main", title="Add", related_nodes=["n1", "n2", "n1"]
    )

    record = await finished(task_server, task_id)

    assert (record.state, record.result, record.error) == (
        TaskState.COMPLETED,
        {"sum": 6, "branch": "main"},
        None,
    )
    assert (record.title, record.attempts, record.progress, record.related_nodes) == (
        "Add",
        1,
        1.0,
        ("n1", "n2"),
    )
    assert record.started_at is not None
    assert record.finished_at is not None
    assert record.created_at <= record.started_at <= record.finished_at
    logs = task_server.tasks.logs(task_id)
    assert [(log.severity, log.message) for log in logs] == [
        ("info", "attempt 1 of 3 started"),
        ("info", "adding 3 numbers"),
        ("info", "completed"),
    ]


async def test_a_failing_task_is_retried_with_backoff_then_failed(task_server: ServerContext) -> None:
    task_id = task_server.tasks.submit("test.broken", {"device": "leaf1"}, max_attempts=3)

    record = await finished(task_server, task_id)

    assert (record.state, record.attempts) == (TaskState.FAILED, 3)
    assert record.error == "RuntimeError: cannot reach leaf1"
    logs = task_server.tasks.logs(task_id)
    failures = [log for log in logs if log.severity == "error"]
    assert [log.message for log in failures] == [
        "attempt 1 failed: RuntimeError: cannot reach leaf1; retrying in 0.05 s",
        "attempt 2 failed: RuntimeError: cannot reach leaf1; retrying in 0.1 s",
        "attempt 3 failed: RuntimeError: cannot reach leaf1; no attempts left",
    ]
    starts = [log.timestamp for log in logs if log.message.endswith("started")]
    assert (starts[1] - failures[0].timestamp).total_seconds() >= 0.05
    assert (starts[2] - failures[1].timestamp).total_seconds() >= 0.1


async def test_a_task_that_fails_once_succeeds_on_its_second_attempt(task_server: ServerContext) -> None:
    task_id = task_server.tasks.submit("test.flaky", {"key": str(uuid.uuid4())})

    record = await finished(task_server, task_id)

    assert (record.state, record.attempts, record.result, record.error) == (
        TaskState.COMPLETED,
        2,
        {"calls": 2},
        None,
    )


async def test_a_handler_may_queue_a_child_task_on_its_branch(task_server: ServerContext) -> None:
    parent_id = task_server.tasks.submit("test.parent", {}, branch="feature")

    child_id = (await finished(task_server, parent_id)).result["child"]
    child = await finished(task_server, child_id)

    assert (child.parent_id, child.branch, child.title, child.result) == (
        parent_id,
        "feature",
        "child",
        {"sum": 3, "branch": "feature"},
    )


def test_a_pending_task_with_the_same_dedupe_key_is_reused(queued_only: ServerContext) -> None:
    queue = queued_only.tasks
    first = queue.submit("test.sum", {"numbers": [1]}, dedupe_key="render:leaf1")
    again = queue.submit("test.sum", {"numbers": [2]}, dedupe_key="render:leaf1")
    other = queue.submit("test.sum", {"numbers": [3]}, dedupe_key="render:leaf2")
    queue.cancel(first)
    after_cancel = queue.submit("test.sum", {"numbers": [4]}, dedupe_key="render:leaf1")

    assert again == first
    assert len({first, other, after_cancel}) == 3
    assert queue.count(state="pending") == 2


def test_submit_refuses_what_no_worker_could_run(queued_only: ServerContext) -> None:
    queue = queued_only.tasks
    with pytest.raises(ValidationError, match=r"No task handler is registered for 'test\.unknown'"):
        queue.submit("test.unknown", {})
    with pytest.raises(ValidationError, match="is not JSON"):
        queue.submit("test.sum", {"when": object()})
    with pytest.raises(ValidationError, match="stage must be one of generator, artifact, check, default"):
        queue.submit("test.sum", {}, stage="later")
    assert queue.count() == 0


def test_cancel_and_retry(queued_only: ServerContext) -> None:
    queue = queued_only.tasks
    task_id = queue.submit("test.sum", {"numbers": [1]})

    canceled = queue.cancel(task_id)
    assert (canceled.state, canceled.finished_at is not None) == (TaskState.CANCELED, True)
    assert queue.cancel(task_id).finished_at == canceled.finished_at

    retried = queue.retry(task_id)
    assert (retried.state, retried.attempts, retried.finished_at) == (TaskState.PENDING, 0, None)
    with pytest.raises(ValidationError, match="only failed or canceled tasks are retried"):
        queue.retry(task_id)
    with pytest.raises(NodeNotFoundError):
        queue.cancel("no-such-task")


def test_list_filters_by_branch_state_name_and_related_node(queued_only: ServerContext) -> None:
    queue = queued_only.tasks
    first = queue.submit(
        "test.sum", {"numbers": []}, branch="b1", related_nodes=["leaf1"], title="Render leaf1"
    )
    second = queue.submit("test.broken", {}, branch="b2", related_nodes=["leaf1", "leaf2"])
    third = queue.submit("test.sum", {"numbers": []}, branch="b1")
    queue.cancel(third)

    def ids(**filters: Any) -> list[str]:
        return [record.id for record in queue.list(**filters)]

    assert ids() == [third, second, first]
    assert ids(branch="b1") == [third, first]
    assert ids(state="pending") == [second, first]
    assert ids(state=["pending", "canceled"], name="test.sum") == [third, first]
    assert ids(related_node="leaf1") == [second, first]
    assert ids(related_node=["leaf2"]) == [second]
    assert ids(search="LEAF1") == [first]
    assert ids(limit=1, offset=1) == [second]
    assert queue.count(branch="b1", state="pending") == 1


def test_wait_gives_up_after_its_timeout(queued_only: ServerContext) -> None:
    task_id = queued_only.tasks.submit("test.sum", {"numbers": []})

    with pytest.raises(TimeoutError, match=r"is still pending after 0\.2 s"):
        queued_only.tasks.wait(task_id, 0.2)


async def test_a_task_submitted_inside_a_change_set_exists_only_if_the_change_commits(
    task_server: ServerContext,
) -> None:
    store, queue = task_server.store, task_server.tasks

    def abandoned_change() -> None:
        with store.change_set("main", actor_id=None, message="abandoned") as writer:
            queue.submit("test.sum", {"numbers": [1]}, title="never", connection=writer.connection)
            raise RuntimeError("abandoned")

    with pytest.raises(RuntimeError, match="abandoned"):
        abandoned_change()
    with store.change_set("main", actor_id=None, message="kept") as writer:
        task_id = queue.submit("test.sum", {"numbers": [2]}, title="kept", connection=writer.connection)

    record = await finished(task_server, task_id)

    assert (record.state, record.result) == (TaskState.COMPLETED, {"sum": 2, "branch": None})
    assert [record.title for record in queue.list()] == ["kept"]
