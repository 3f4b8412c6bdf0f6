"""Task handlers: artefact generation runs in the task queue, in the "artifact" stage of its branch
(after generators, before checks). Failures of user templates or code are logged on the task and
recorded on the artefacts (status Error); the task itself completes."""

from __future__ import annotations

import logging
from typing import Any

from infrahub_server.artifacts.definitions import DEFINITION_KIND
from infrahub_server.artifacts.generation import GenerationReport, generate_artifacts
from infrahub_server.artifacts.regeneration import affected_targets
from infrahub_server.branches.merge import on_merge
from infrahub_server.store import Snapshot, Store
from infrahub_server.tasks import TaskContext, TaskQueue, task_handler

logger = logging.getLogger(__name__)

GENERATE = "artifact.generate"
REGENERATE_CHANGED = "artifact.regenerate-changed"
STAGE = "artifact"


def submit_generation(
    queue: TaskQueue,
    definition_id: str,
    *,
    branch: str,
    nodes: list[str] | None,
    account_id: str | None,
    definition_name: str | None = None,
) -> str:
    return queue.submit(
        GENERATE,
        {"definition": definition_id, "nodes": nodes, "account_id": account_id},
        branch=branch,
        title=f"Generate artifacts {definition_name or definition_id}",
        related_nodes=[definition_id],
        stage=STAGE,
    )


def submit_regeneration(queue: TaskQueue, *, branch: str, changed: list[str]) -> str:
    return queue.submit(
        REGENERATE_CHANGED,
        {"changed": changed},
        branch=branch,
        title=f"Regenerate the artifacts affected by {len(changed)} changed nodes",
        stage=STAGE,
    )


def _log_report(task: TaskContext, report: GenerationReport) -> None:
    for target_id, message in report.errors.items():
        task.log(f"{report.definition_name}: target {target_id}: {message}", "error")
    task.log(
        f"{report.definition_name}: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.failed} failed, {report.deleted} deleted"
    )


@task_handler(GENERATE)
def generate(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    branch = task.branch or task.server.store.default_branch
    report = generate_artifacts(
        task.server,
        str(payload["definition"]),
        branch=branch,
        nodes=payload.get("nodes") or None,
        account_id=payload.get("account_id"),
    )
    _log_report(task, report)
    return report.as_result()


@task_handler(REGENERATE_CHANGED)
def regenerate(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    branch = task.branch or task.server.store.default_branch
    affected = affected_targets(task.server, branch, payload.get("changed") or [])
    results = []
    for index, (definition_id, targets) in enumerate(affected.items()):
        report = generate_artifacts(task.server, definition_id, branch=branch, nodes=targets)
        _log_report(task, report)
        results.append(report.as_result())
        task.progress((index + 1) / len(affected))
    return {"definitions": results, "rendered": sum(result["rendered"] for result in results)}


@on_merge
def queue_regeneration_after_merge(store: Store, branch: str, changed: frozenset[str]) -> None:
    """A merge lands on the default branch: queue the regeneration of what it can have changed
    (nothing when the database has no artefact definition)."""
    default_branch = store.default_branch
    with store.reader(Snapshot(default_branch)) as reader:
        if not changed or not reader.count_nodes([DEFINITION_KIND]):
            return
    submit_regeneration(TaskQueue(store.engine), branch=default_branch, changed=sorted(changed))
    logger.info("queued the artifacts affected by merging %s (%d changed nodes)", branch, len(changed))
