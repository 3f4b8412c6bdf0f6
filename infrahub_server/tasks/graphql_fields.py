"""GraphQL: `InfrahubTask` (the official SDK's task manager reads it), `InfrahubTaskRetry` and
`InfrahubTaskCancel`, in the shapes of Infrahub's schema (`Tasks`, `TaskNode`, `StateType`...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infrahub_server.graphql.root_fields import mutation_field, query_field
from infrahub_server.graphql.selection import project
from infrahub_server.store import Snapshot
from infrahub_server.tasks.models import FINISHED_STATES, WORKER_STOPPED, TaskLog, TaskRecord, TaskState
from infrahub_server.tasks.queue import TaskQueue

if TYPE_CHECKING:
    from graphql import FieldNode

    from infrahub_server.graphql.context import GraphQLContext
    from infrahub_server.graphql.selection import Request
    from infrahub_server.store import Reader

_STATE_TYPES = {
    TaskState.PENDING: "PENDING",
    TaskState.RUNNING: "RUNNING",
    TaskState.COMPLETED: "COMPLETED",
    TaskState.FAILED: "FAILED",
    TaskState.CANCELED: "CANCELLED",
}
_STATES_BY_TYPE = {name: state for state, name in _STATE_TYPES.items()}
_CONCLUSIONS = {TaskState.COMPLETED: "success", TaskState.FAILED: "failure"}


def _queue(context: GraphQLContext) -> TaskQueue:
    return TaskQueue(context.store.engine)


def _timestamp(record_time: Any) -> str | None:
    return None if record_time is None else str(record_time.isoformat())


def _log_edges(logs: list[TaskLog], task_id: str, limit: int | None, offset: int) -> dict[str, Any]:
    page = logs[offset : None if limit is None else offset + limit]
    return {
        "__typename": "TaskLogEdge",
        "count": len(logs),
        "edges": [
            {
                "__typename": "TaskLogNodes",
                "node": {
                    "__typename": "TaskLog",
                    "id": None,
                    "task_id": task_id,
                    "message": log.message,
                    "severity": log.severity,
                    "timestamp": _timestamp(log.timestamp),
                },
            }
            for log in page
        ],
    }


def _actions(record: TaskRecord) -> list[dict[str, Any]]:
    can_retry = record.state in (TaskState.FAILED, TaskState.CANCELED)
    can_cancel = record.state not in FINISHED_STATES
    return [
        {
            "__typename": "TaskAction",
            "action": "RETRY",
            "available": can_retry,
            "unavailability_reason": None if can_retry else f"The task is {record.state.value}",
        },
        {
            "__typename": "TaskAction",
            "action": "CANCEL",
            "available": can_cancel,
            "unavailability_reason": None if can_cancel else f"The task is {record.state.value}",
        },
    ]


def _error(record: TaskRecord) -> dict[str, Any] | None:
    if record.state is not TaskState.FAILED or not record.error:
        return None
    worker_stopped = record.error.startswith(WORKER_STOPPED)
    return {
        "__typename": "TaskError",
        "status_class": "worker_stopped" if worker_stopped else "handler_error",
        "message": record.error,
        "remediation": "Read the task's logs, remove the cause, then retry the task",
    }


def _task_node(
    record: TaskRecord, kinds: dict[str, str], logs: list[TaskLog], log_limit: int | None, log_offset: int
) -> dict[str, Any]:
    related = [
        {"__typename": "TaskRelatedNode", "id": node, "kind": kinds.get(node, "")}
        for node in record.related_nodes
    ]
    return {
        "__typename": "TaskNode",
        "id": record.id,
        "title": record.title,
        "state": _STATE_TYPES[record.state],
        "conclusion": _CONCLUSIONS.get(record.state, "unknown"),
        "progress": record.progress,
        "workflow": record.name,
        "branch": record.branch,
        "created_at": _timestamp(record.created_at),
        "updated_at": _timestamp(record.updated_at),
        "start_time": _timestamp(record.started_at),
        "parameters": None,
        "tags": [record.stage],
        "related_nodes": related,
        "related_node": related[0]["id"] if related else None,
        "related_node_kind": related[0]["kind"] if related else None,
        "logs": _log_edges(logs, record.id, log_limit, log_offset),
        "available_actions": _actions(record),
        "error": _error(record),
    }


def _related_kinds(context: GraphQLContext, reader: Reader, records: list[TaskRecord]) -> dict[str, str]:
    """Kinds of the related nodes, seen from the request's branch, else from each task's branch."""
    wanted = sorted({node for record in records for node in record.related_nodes})
    if not wanted:
        return {}
    kinds = reader.kinds_of(wanted)
    for branch in sorted({record.branch for record in records if record.branch} - {context.branch}):
        missing = [node for node in wanted if node not in kinds]
        if not missing:
            break
        with context.store.reader(Snapshot(branch)) as branch_reader:
            kinds.update(branch_reader.kinds_of(missing))
    return kinds


def _selects(
    request: Request, nodes: list[FieldNode], path: tuple[str, ...], type_names: tuple[str, ...]
) -> bool:
    """Whether the selection reaches the field at `path` (type names of each level given)."""
    level = nodes
    for name, type_name in zip(path, type_names, strict=True):
        level = [
            node
            for sub in request.sub_fields(level, type_name).values()
            for node in sub
            if node.name.value == name
        ]
        if not level:
            return False
    return True


@query_field("InfrahubTask")
def infrahub_task(
    context: GraphQLContext,
    request: Request,
    reader: Reader,
    nodes: list[FieldNode],
    arguments: dict[str, Any],
) -> Any:
    queue = _queue(context)
    state_types = arguments.get("state")
    filters: dict[str, Any] = {
        "branch": arguments.get("branch"),
        "ids": arguments.get("ids"),
        "related_node": arguments.get("related_node__ids"),
        "name": arguments.get("workflow"),
        "search": arguments.get("q"),
        "state": None
        if state_types is None
        else [_STATES_BY_TYPE[str(item)] for item in state_types if str(item) in _STATES_BY_TYPE],
    }
    result: dict[str, Any] = {"__typename": "Tasks", "edges": []}
    if _selects(request, nodes, ("count",), ("Tasks",)):
        result["count"] = queue.count(**filters)
    if _selects(request, nodes, ("edges",), ("Tasks",)):
        records = queue.list(**filters, limit=arguments.get("limit"), offset=arguments.get("offset") or 0)
        wants_logs = _selects(request, nodes, ("edges", "node", "logs"), ("Tasks", "TaskNodes", "TaskNode"))
        logs = queue.logs_of(record.id for record in records) if wants_logs else {}
        kinds = _related_kinds(context, reader, records)
        result["edges"] = [
            {
                "__typename": "TaskNodes",
                "node": _task_node(
                    record,
                    kinds,
                    logs.get(record.id, []),
                    arguments.get("log_limit"),
                    arguments.get("log_offset") or 0,
                ),
            }
            for record in records
        ]
    return project(request, result, nodes, "Tasks")


@query_field("InfrahubTaskBranchStatus")
def infrahub_task_branch_status(
    context: GraphQLContext,
    request: Request,
    reader: Reader,
    nodes: list[FieldNode],
    arguments: dict[str, Any],
) -> Any:
    """The branch's tasks that are not finished yet."""
    active = [TaskState.PENDING.value, TaskState.RUNNING.value]
    branch = arguments.get("branch") or context.branch
    queue = _queue(context)
    records = queue.list(branch=branch, state=active)
    kinds = _related_kinds(context, reader, records)
    result = {
        "__typename": "Tasks",
        "count": len(records),
        "edges": [
            {"__typename": "TaskNodes", "node": _task_node(record, kinds, [], None, 0)} for record in records
        ],
    }
    return project(request, result, nodes, "Tasks")


def _task_id(arguments: dict[str, Any]) -> str:
    return str((arguments.get("data") or {}).get("id") or "")


@mutation_field("InfrahubTaskRetry")
def infrahub_task_retry(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    record = _queue(context).retry(_task_id(arguments))
    payload = {"ok": True, "task": {"__typename": "TaskInfo", "id": record.id}}
    return dict(project(request, payload, nodes, "InfrahubTaskRetry"))


@mutation_field("InfrahubTaskCancel")
def infrahub_task_cancel(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    record = _queue(context).cancel(_task_id(arguments))
    payload = {"ok": record.state is TaskState.CANCELED, "task": {"__typename": "TaskInfo", "id": record.id}}
    return dict(project(request, payload, nodes, "InfrahubTaskCancel"))
