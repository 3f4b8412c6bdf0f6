"""On one branch: generators, then artefacts, then checks; "default" tasks and other branches wait
for nothing."""

from __future__ import annotations

import time
from typing import Any

from task_harness import finished

from infrahub_server.api.context import ServerContext
from infrahub_server.tasks import TaskContext, task_handler


@task_handler("test.stage_step")
def stage_step(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    started = time.time()
    time.sleep(payload.get("seconds", 0))
    return {"started": started, "finished": time.time()}


async def test_later_stages_wait_for_earlier_ones_on_the_same_branch(task_server: ServerContext) -> None:
    queue = task_server.tasks
    generator = queue.submit("test.stage_step", {"seconds": 0.4}, branch="b1", stage="generator")
    artifact = queue.submit("test.stage_step", {"seconds": 0.2}, branch="b1", stage="artifact")
    check = queue.submit("test.stage_step", {}, branch="b1", stage="check")
    unordered = queue.submit("test.stage_step", {}, branch="b1")
    other_branch = queue.submit("test.stage_step", {}, branch="b2", stage="artifact")

    runs = {
        task_id: (await finished(task_server, task_id)).result for task_id in (generator, artifact, check)
    }
    free = [(await finished(task_server, task_id)).result for task_id in (unordered, other_branch)]

    assert runs[generator]["finished"] <= runs[artifact]["started"]
    assert runs[artifact]["finished"] <= runs[check]["started"]
    assert all(run["finished"] < runs[generator]["finished"] for run in free)


async def test_a_generator_queued_after_an_artefact_still_runs_before_it(task_server: ServerContext) -> None:
    queue = task_server.tasks
    first = queue.submit("test.stage_step", {"seconds": 0.2}, branch="b1", stage="generator")
    artifact = queue.submit("test.stage_step", {}, branch="b1", stage="artifact")
    second = queue.submit("test.stage_step", {"seconds": 0.2}, branch="b1", stage="generator")

    results = {
        task_id: (await finished(task_server, task_id)).result for task_id in (first, second, artifact)
    }

    assert results[artifact]["started"] >= max(results[first]["finished"], results[second]["finished"])
