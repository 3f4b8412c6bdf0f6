"""Task handlers: generators run in the "generator" stage of their branch and checks in the "check"
stage, so on one branch generators finish before artefacts render and checks come last."""

from __future__ import annotations

from typing import Any

from infrahub_server.generator_runs.checks import run_check_definition
from infrahub_server.generator_runs.generators import run_generator_definition
from infrahub_server.tasks import TaskContext, TaskQueue, task_handler

RUN_GENERATOR = "generator.run"
RUN_CHECK = "check.run"


def submit_generator_run(
    queue: TaskQueue, definition_id: str, *, branch: str, nodes: list[str] | None, account_id: str | None
) -> str:
    return queue.submit(
        RUN_GENERATOR,
        {"definition": definition_id, "nodes": nodes, "account_id": account_id},
        branch=branch,
        title=f"Run generator {definition_id}",
        related_nodes=[definition_id],
        stage="generator",
        max_attempts=1,
    )


def submit_check_run(
    queue: TaskQueue,
    definition_id: str,
    *,
    branch: str,
    account_id: str | None,
    validator_id: str | None = None,
) -> str:
    return queue.submit(
        RUN_CHECK,
        {"definition": definition_id, "account_id": account_id, "validator": validator_id},
        branch=branch,
        title=f"Run check {definition_id}",
        related_nodes=[definition_id],
        stage="check",
        max_attempts=1,
    )


@task_handler(RUN_GENERATOR)
def run_generator(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    report = run_generator_definition(
        task.server,
        str(payload["definition"]),
        branch=task.branch or task.server.store.default_branch,
        nodes=payload.get("nodes") or None,
        account_id=payload.get("account_id"),
        log=task.log,
    )
    return report.as_result()


@task_handler(RUN_CHECK)
def run_check(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    report = run_check_definition(
        task.server,
        str(payload["definition"]),
        branch=task.branch or task.server.store.default_branch,
        account_id=payload.get("account_id"),
        validator_id=payload.get("validator"),
        log=task.log,
    )
    return report.as_result()
