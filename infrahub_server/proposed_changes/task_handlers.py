"""The validator pipeline as a task of the durable queue (`proposed_change.run_checks`)."""

from __future__ import annotations

from typing import Any

from infrahub_server.proposed_changes.pipeline import run_pipeline
from infrahub_server.proposed_changes.records import OPEN, ProposedChange, load_proposed_change
from infrahub_server.store import Store
from infrahub_server.tasks import TaskContext, TaskQueue, task_handler

RUN_CHECKS = "proposed_change.run_checks"


def submit_checks(store: Store, change: ProposedChange, check_type: str, *, actor_id: str | None) -> str:
    """Queue a pipeline run; a run of the same change and check type still pending is reused."""
    return TaskQueue(store.engine).submit(
        RUN_CHECKS,
        {"proposed_change": change.id, "check_type": check_type, "actor_id": actor_id},
        branch=change.source_branch,
        title=f"Run {check_type.lower()} checks of proposed change {change.name}",
        related_nodes=[change.id],
        stage="check",
        dedupe_key=f"{RUN_CHECKS}:{change.id}:{check_type}",
    )


@task_handler(RUN_CHECKS)
def run_checks(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    store = task.server.store
    change = load_proposed_change(store, str(payload["proposed_change"]))
    if change.state != OPEN:
        task.log(f"skipped: the proposed change is {change.state}")
        return {"validators": []}
    schema = task.server.schemas.for_branch_name(store.default_branch)
    validators = run_pipeline(
        store,
        schema,
        change.id,
        check_type=str(payload.get("check_type") or "ALL"),
        actor_id=payload.get("actor_id"),
        server=task.server,
    )
    return {"validators": validators}
