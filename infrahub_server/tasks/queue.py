"""The durable task queue: tasks are rows in the database, so they survive a restart and every
server process (`--workers N` on PostgreSQL) sees the same queue.

Callers submit, read and wait; the worker threads (`tasks.workers`) claim and run. Timestamps in the
tables are seconds since the epoch; records carry timezone-aware datetimes.
"""

from __future__ import annotations

import builtins
import json
import threading
import time
import uuid
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from infrahub_server.errors import NodeNotFoundError, ValidationError
from infrahub_server.store.engine import read_transaction, write_transaction
from infrahub_server.tasks.models import (
    STAGE_ORDER,
    TaskLog,
    TaskRecord,
    TaskState,
    to_datetime,
    to_optional_datetime,
)
from infrahub_server.tasks.registry import handler_for
from infrahub_server.tasks.tables import task_logs, task_related_nodes, tasks

Filter = str | Sequence[str] | None

SEVERITIES = ("debug", "info", "warning", "error", "critical")
_WAIT_POLL_SECONDS = 0.25


@dataclass(frozen=True, slots=True)
class _Signals:
    work_submitted: threading.Event = field(default_factory=threading.Event)
    task_finished: threading.Condition = field(default_factory=threading.Condition)


_signals: weakref.WeakKeyDictionary[sa.Engine, _Signals] = weakref.WeakKeyDictionary()
_signals_lock = threading.Lock()


def _signals_of(engine: sa.Engine) -> _Signals:
    """One set of signals per database: every `TaskQueue(engine)` of the process wakes the same
    workers and waiters (other processes are seen by polling)."""
    with _signals_lock:
        signals = _signals.get(engine)
        if signals is None:
            signals = _signals[engine] = _Signals()
        return signals


class TaskQueue:
    """Cheap to build: `TaskQueue(store.engine)` anywhere in the server process is the same queue
    as `ServerContext.tasks`."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        signals = _signals_of(engine)
        self._work_submitted = signals.work_submitted
        self._task_finished = signals.task_finished

    def submit(
        self,
        name: str,
        payload: dict[str, Any],
        *,
        branch: str | None = None,
        title: str | None = None,
        related_nodes: Sequence[str] = (),
        stage: str = "default",
        max_attempts: int = 3,
        dedupe_key: str | None = None,
        parent_id: str | None = None,
        connection: sa.Connection | None = None,
    ) -> str:
        """Queue a task and return its id. While a pending task has the same `dedupe_key`, its id
        is returned instead and nothing is queued.

        With `connection` (e.g. `writer.connection` inside a change set), the task is inserted in
        that transaction: it exists if and only if the change commits. Without it, submit opens
        its own transaction, so on SQLite never call it while a change set is open in the same
        thread (the second writer would wait for the first)."""
        _check_submission(name, payload, stage, max_attempts)
        task = {
            "id": str(uuid.uuid4()),
            "name": name,
            "title": title or name,
            "stage": stage,
            "stage_rank": STAGE_ORDER[stage],
            "branch": branch,
            "payload": payload,
            "max_attempts": max_attempts,
            "dedupe_key": dedupe_key,
            "parent_id": parent_id,
        }
        if connection is not None:
            task_id = _insert_task(connection, task, related_nodes)
        else:
            with write_transaction(self.engine) as conn:
                task_id = _insert_task(conn, task, related_nodes)
        self._work_submitted.set()
        return task_id

    def get(self, task_id: str) -> TaskRecord:
        with read_transaction(self.engine) as conn:
            row = conn.execute(sa.select(tasks).where(tasks.c.id == task_id)).mappings().first()
            if row is None:
                raise NodeNotFoundError(f"Task {task_id!r} not found", data={"identifier": task_id})
            return _records(conn, [row])[0]

    def logs(self, task_id: str) -> builtins.list[TaskLog]:
        with read_transaction(self.engine) as conn:
            return _logs_of(conn, [task_id]).get(task_id, [])

    def logs_of(self, task_ids: Iterable[str]) -> dict[str, builtins.list[TaskLog]]:
        with read_transaction(self.engine) as conn:
            return _logs_of(conn, builtins.list(task_ids))

    def wait(self, task_id: str, timeout: float) -> TaskRecord:
        """Block until the task is finished (completed, failed or canceled); `TimeoutError` after
        `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            record = self.get(task_id)
            if record.finished:
                return record
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"task {task_id} is still {record.state.value} after {timeout:g} s")
            with self._task_finished:
                self._task_finished.wait(min(remaining, _WAIT_POLL_SECONDS))

    def list(
        self,
        *,
        branch: str | None = None,
        state: Filter = None,
        related_node: Filter = None,
        name: Filter = None,
        ids: Sequence[str] | None = None,
        search: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[TaskRecord]:
        """Tasks matching every filter given, newest first. `state`, `related_node` and `name`
        take one value or several (any of them matches); `search` is a case-insensitive part of
        the title, the name or the id."""
        query = _filtered(sa.select(tasks), branch, state, related_node, name, ids, search)
        query = query.order_by(tasks.c.created_at.desc(), tasks.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with read_transaction(self.engine) as conn:
            return _records(conn, builtins.list(conn.execute(query).mappings()))

    def count(
        self,
        *,
        branch: str | None = None,
        state: Filter = None,
        related_node: Filter = None,
        name: Filter = None,
        ids: Sequence[str] | None = None,
        search: str | None = None,
    ) -> int:
        """How many tasks `list` would return without `limit` and `offset`."""
        query = _filtered(
            sa.select(sa.func.count()).select_from(tasks), branch, state, related_node, name, ids, search
        )
        with read_transaction(self.engine) as conn:
            return int(conn.execute(query).scalar_one())

    def cancel(self, task_id: str) -> TaskRecord:
        """Cancel a pending or running task (a running handler's result is then dropped);
        a finished task is left as it is."""
        now = time.time()
        with write_transaction(self.engine) as conn:
            conn.execute(
                tasks.update()
                .where(tasks.c.id == task_id, tasks.c.state.in_(_ACTIVE))
                .values(
                    state=TaskState.CANCELED.value, finished_at=now, updated_at=now, lease_expires_at=None
                )
            )
        self.notify_finished()
        return self.get(task_id)

    def retry(self, task_id: str) -> TaskRecord:
        """Queue a failed or canceled task again, with a fresh count of attempts."""
        now = time.time()
        with write_transaction(self.engine) as conn:
            changed = conn.execute(
                tasks.update()
                .where(
                    tasks.c.id == task_id,
                    tasks.c.state.in_([TaskState.FAILED.value, TaskState.CANCELED.value]),
                )
                .values(
                    state=TaskState.PENDING.value,
                    attempts=0,
                    progress=0.0,
                    error=None,
                    result=None,
                    run_after=now,
                    started_at=None,
                    finished_at=None,
                    updated_at=now,
                )
            ).rowcount
            if changed:
                conn.execute(
                    task_logs.insert().values(
                        task_id=task_id, timestamp=now, severity="info", message="queued again by retry"
                    )
                )
        record = self.get(task_id)
        if not changed:
            raise ValidationError(
                f"Task {task_id} is {record.state.value}: only failed or canceled tasks are retried"
            )
        self._work_submitted.set()
        return record

    def add_log(self, task_id: str, message: str, severity: str = "info") -> None:
        if severity not in SEVERITIES:
            raise ValidationError(f"severity must be one of {', '.join(SEVERITIES)}, got {severity!r}")
        with write_transaction(self.engine) as conn:
            conn.execute(
                task_logs.insert().values(
                    task_id=task_id, timestamp=time.time(), severity=severity, message=message
                )
            )

    def set_progress(self, task_id: str, fraction: float) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(
                tasks.update()
                .where(tasks.c.id == task_id)
                .values(progress=min(max(float(fraction), 0.0), 1.0), updated_at=time.time())
            )

    def is_canceled(self, task_id: str) -> bool:
        with read_transaction(self.engine) as conn:
            state = conn.execute(sa.select(tasks.c.state).where(tasks.c.id == task_id)).scalar_one_or_none()
        return state == TaskState.CANCELED.value

    def wait_for_work(self, timeout: float) -> None:
        """Sleep until a task is submitted in this process or `timeout` passes (workers poll the
        database anyway, for tasks submitted by other processes)."""
        if self._work_submitted.wait(timeout):
            self._work_submitted.clear()

    def notify_work(self) -> None:
        self._work_submitted.set()

    def notify_finished(self) -> None:
        with self._task_finished:
            self._task_finished.notify_all()


_ACTIVE = [TaskState.PENDING.value, TaskState.RUNNING.value]


def _check_submission(name: str, payload: dict[str, Any], stage: str, max_attempts: int) -> None:
    if handler_for(name) is None:
        raise ValidationError(f"No task handler is registered for {name!r}", data={"name": name})
    if stage not in STAGE_ORDER:
        raise ValidationError(f"stage must be one of {', '.join(STAGE_ORDER)}, got {stage!r}")
    if max_attempts < 1:
        raise ValidationError(f"max_attempts must be at least 1, got {max_attempts}")
    try:
        json.dumps(payload)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"The payload of task {name!r} is not JSON: {exc}") from None


_INSERT_TASK = tasks.insert()
_INSERT_RELATED = task_related_nodes.insert()


def _insert_task(conn: sa.Connection, task: dict[str, Any], related_nodes: Sequence[str]) -> str:
    if task["dedupe_key"] is not None:
        existing = _pending_with_key(conn, task["dedupe_key"])
        if existing is not None:
            return existing
    now = time.time()
    conn.execute(
        _INSERT_TASK,
        {
            **task,
            "state": TaskState.PENDING.value,
            "progress": 0.0,
            "attempts": 0,
            "run_after": now,
            "created_at": now,
            "updated_at": now,
        },
    )
    unique_nodes = builtins.list(dict.fromkeys(related_nodes))
    if unique_nodes:
        conn.execute(_INSERT_RELATED, [{"task_id": task["id"], "node_id": node} for node in unique_nodes])
    return str(task["id"])


def _pending_with_key(conn: sa.Connection, dedupe_key: str) -> str | None:
    if conn.dialect.name == "postgresql":
        # Two processes submitting the same key at once would otherwise both insert.
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": dedupe_key})
    return conn.execute(
        sa.select(tasks.c.id)
        .where(tasks.c.dedupe_key == dedupe_key, tasks.c.state == TaskState.PENDING.value)
        .limit(1)
    ).scalar_one_or_none()


def _values(value: Filter) -> builtins.list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def _filtered(
    query: sa.Select[Any],
    branch: str | None,
    state: Filter,
    related_node: Filter,
    name: Filter,
    ids: Sequence[str] | None,
    search: str | None,
) -> sa.Select[Any]:
    if branch is not None:
        query = query.where(tasks.c.branch == branch)
    states = _values(state)
    if states is not None:
        query = query.where(tasks.c.state.in_([TaskState(item).value for item in states]))
    names = _values(name)
    if names is not None:
        query = query.where(tasks.c.name.in_(names))
    if ids is not None:
        query = query.where(tasks.c.id.in_(builtins.list(ids)))
    node_ids = _values(related_node)
    if node_ids is not None:
        query = query.where(
            tasks.c.id.in_(
                sa.select(task_related_nodes.c.task_id).where(task_related_nodes.c.node_id.in_(node_ids))
            )
        )
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            sa.or_(
                sa.func.lower(tasks.c.title).like(pattern),
                sa.func.lower(tasks.c.name).like(pattern),
                tasks.c.id.like(pattern),
            )
        )
    return query


def _records(conn: sa.Connection, rows: Sequence[sa.RowMapping]) -> builtins.list[TaskRecord]:
    related: dict[str, builtins.list[str]] = {}
    if rows:
        links = conn.execute(
            sa.select(task_related_nodes.c.task_id, task_related_nodes.c.node_id).where(
                task_related_nodes.c.task_id.in_([row["id"] for row in rows])
            )
        )
        for task_id, node_id in links:
            related.setdefault(task_id, []).append(node_id)
    return [record_from_row(row, related.get(row["id"], ())) for row in rows]


def record_from_row(row: sa.RowMapping, related_nodes: Iterable[str]) -> TaskRecord:
    return TaskRecord(
        id=row["id"],
        name=row["name"],
        title=row["title"],
        state=TaskState(row["state"]),
        stage=row["stage"],
        progress=row["progress"],
        attempts=row["attempts"],
        max_attempts=row["max_attempts"],
        branch=row["branch"],
        related_nodes=tuple(sorted(related_nodes)),
        parent_id=row["parent_id"],
        result=row["result"],
        error=row["error"],
        created_at=to_datetime(row["created_at"]),
        updated_at=to_datetime(row["updated_at"]),
        started_at=to_optional_datetime(row["started_at"]),
        finished_at=to_optional_datetime(row["finished_at"]),
    )


def _logs_of(conn: sa.Connection, task_ids: builtins.list[str]) -> dict[str, builtins.list[TaskLog]]:
    found: dict[str, builtins.list[TaskLog]] = {}
    if not task_ids:
        return found
    rows = conn.execute(
        sa.select(task_logs.c.task_id, task_logs.c.timestamp, task_logs.c.severity, task_logs.c.message)
        .where(task_logs.c.task_id.in_(task_ids))
        .order_by(task_logs.c.id)
    )
    for task_id, timestamp, severity, message in rows:
        log = TaskLog(timestamp=to_datetime(timestamp), severity=severity, message=message)
        found.setdefault(task_id, []).append(log)
    return found
