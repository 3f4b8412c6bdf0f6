"""Repository syncs as tasks of the durable queue: `repository.sync` on a branch, logged in the
task's log; a failed sync fails its task with the file and the problem."""

from __future__ import annotations

from typing import Any

from infrahub_server.errors import InfrahubError
from infrahub_server.repositories.sync import sync_repository
from infrahub_server.tasks import TaskContext, TaskQueue, task_handler

SYNC_TASK = "repository.sync"


class RepositorySyncError(InfrahubError):
    code = "REPOSITORY_SYNC_FAILED"
    http_status = 422


def submit_sync(queue: TaskQueue, repository_id: str, branch: str, *, commit: str | None = None) -> str:
    """Queue a sync of the repository on `branch` (once: a pending one for the same target is reused)."""
    payload: dict[str, Any] = {"repository_id": repository_id}
    if commit:
        payload["commit"] = commit
    return queue.submit(
        SYNC_TASK,
        payload,
        branch=branch,
        title=f"Sync repository on {branch}",
        related_nodes=[repository_id],
        max_attempts=1,
        dedupe_key=f"{SYNC_TASK}:{repository_id}:{branch}:{commit or ''}",
    )


@task_handler(SYNC_TASK)
def run_sync(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    branch = task.branch or task.server.store.default_branch
    result = sync_repository(
        task.server, str(payload["repository_id"]), branch, commit=payload.get("commit"), log=task.log
    )
    if not result.ok:
        raise RepositorySyncError(result.message or "sync failed", data={"repository": result.repository_id})
    report = result.report
    return {
        "repository_id": result.repository_id,
        "branch": branch,
        "commit": result.commit,
        "objects": report.objects if report else 0,
        "definitions": report.definitions.upserted if report else {},
        "deleted": report.definitions.deleted if report else {},
    }
