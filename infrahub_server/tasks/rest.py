"""`GET /api/tasks/{task_id}`: one task as JSON, with its result, its error and its log."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse

from infrahub_server.api.context import require_session, server_context
from infrahub_server.tasks.models import TaskLog, TaskRecord


def _time(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def task_document(record: TaskRecord, logs: list[TaskLog]) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.name,
        "title": record.title,
        "state": record.state.value,
        "stage": record.stage,
        "branch": record.branch,
        "progress": record.progress,
        "attempts": record.attempts,
        "max_attempts": record.max_attempts,
        "related_nodes": list(record.related_nodes),
        "parent_id": record.parent_id,
        "result": record.result,
        "error": record.error,
        "created_at": _time(record.created_at),
        "updated_at": _time(record.updated_at),
        "started_at": _time(record.started_at),
        "finished_at": _time(record.finished_at),
        "logs": [
            {"timestamp": _time(log.timestamp), "severity": log.severity, "message": log.message}
            for log in logs
        ],
    }


async def get_task(request: Request) -> JSONResponse:
    await require_session(request, write=False)
    queue = server_context(request).tasks
    task_id = request.path_params["task_id"]
    record = await anyio.to_thread.run_sync(queue.get, task_id)
    logs = await anyio.to_thread.run_sync(queue.logs, task_id)
    return JSONResponse(task_document(record, logs))
