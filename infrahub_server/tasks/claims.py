"""How workers take tasks and hand them back, safely across threads and server processes.

A claim is atomic: on PostgreSQL the candidate row is locked with `FOR UPDATE SKIP LOCKED`, so two
processes never take the same task; on SQLite writers are serialised (`BEGIN IMMEDIATE`) and the
update is conditional on the task still being pending. A claimed task carries a lease that its
process renews; a task whose lease ran out (its process died) goes back to pending. Every state
change by a worker is conditional on that worker still holding the task, so a worker that lost its
lease cannot overwrite what happened since.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from infrahub_server.store.engine import write_transaction
from infrahub_server.tasks.models import WORKER_STOPPED, TaskState
from infrahub_server.tasks.tables import task_logs, tasks

MAX_RETRY_DELAY_SECONDS = 600.0
_ACTIVE = (TaskState.PENDING.value, TaskState.RUNNING.value)


@dataclass(frozen=True, slots=True)
class ClaimedTask:
    id: str
    name: str
    branch: str | None
    payload: dict[str, Any]
    attempt: int
    max_attempts: int


def _candidate_statement() -> sa.Select[Any]:
    earlier = tasks.alias("earlier")
    earlier_stage_active = (
        sa.select(earlier.c.id)
        .where(
            earlier.c.branch == tasks.c.branch,
            earlier.c.stage_rank < tasks.c.stage_rank,
            earlier.c.state.in_(_ACTIVE),
        )
        .exists()
    )
    return (
        sa.select(
            tasks.c.id, tasks.c.name, tasks.c.branch, tasks.c.payload, tasks.c.attempts, tasks.c.max_attempts
        )
        .where(
            tasks.c.state == TaskState.PENDING.value,
            tasks.c.run_after <= sa.bindparam("moment"),
            ~earlier_stage_active,
        )
        .order_by(tasks.c.run_after, tasks.c.created_at)
        .limit(1)
    )


# Built once: a claim runs for every task, and building these statements costs more than running them.
_CANDIDATE = _candidate_statement()
_CANDIDATE_LOCKED = _CANDIDATE.with_for_update(skip_locked=True, of=tasks)
_CLAIM = (
    tasks.update()
    .where(tasks.c.id == sa.bindparam("task"), tasks.c.state == TaskState.PENDING.value)
    .values(
        state=TaskState.RUNNING.value,
        attempts=tasks.c.attempts + 1,
        worker_id=sa.bindparam("worker"),
        lease_expires_at=sa.bindparam("lease"),
        progress=0.0,
        started_at=sa.bindparam("moment"),
        updated_at=sa.bindparam("moment"),
    )
)
_LOG = task_logs.insert()
_COMPLETE = (
    tasks.update()
    .where(
        tasks.c.id == sa.bindparam("task"),
        tasks.c.worker_id == sa.bindparam("worker"),
        tasks.c.state == TaskState.RUNNING.value,
    )
    .values(
        state=TaskState.COMPLETED.value,
        result=sa.bindparam("outcome", type_=tasks.c.result.type),
        error=None,
        progress=1.0,
        lease_expires_at=None,
        finished_at=sa.bindparam("moment"),
        updated_at=sa.bindparam("moment"),
    )
)


def claim_next(engine: sa.Engine, worker_id: str, lease_seconds: float) -> ClaimedTask | None:
    """Take the oldest runnable task: pending, due, and with no task of an earlier stage pending or
    running on its branch."""
    now = time.time()
    with write_transaction(engine) as conn:
        candidate = _CANDIDATE_LOCKED if conn.dialect.name == "postgresql" else _CANDIDATE
        row = conn.execute(candidate, {"moment": now}).first()
        if row is None:
            return None
        parameters = {"task": row.id, "worker": worker_id, "lease": now + lease_seconds, "moment": now}
        if not conn.execute(_CLAIM, parameters).rowcount:
            return None
        _log(conn, row.id, now, "info", f"attempt {row.attempts + 1} of {row.max_attempts} started")
        return ClaimedTask(
            id=row.id,
            name=row.name,
            branch=row.branch,
            payload=row.payload,
            attempt=row.attempts + 1,
            max_attempts=row.max_attempts,
        )


def _held_by(task_id: str, worker_id: str) -> sa.ColumnElement[bool]:
    return sa.and_(
        tasks.c.id == task_id, tasks.c.worker_id == worker_id, tasks.c.state == TaskState.RUNNING.value
    )


def _log(conn: sa.Connection, task_id: str, now: float, severity: str, message: str) -> None:
    conn.execute(_LOG, {"task_id": task_id, "timestamp": now, "severity": severity, "message": message})


def complete(engine: sa.Engine, task_id: str, worker_id: str, result: Any) -> bool:
    """Record the result; False when the task was canceled or taken away meanwhile."""
    now = time.time()
    with write_transaction(engine) as conn:
        parameters = {"task": task_id, "worker": worker_id, "outcome": result, "moment": now}
        completed = conn.execute(_COMPLETE, parameters).rowcount
        if completed:
            _log(conn, task_id, now, "info", "completed")
        else:
            _log(
                conn,
                task_id,
                now,
                "warning",
                "the handler finished after the task was canceled; result dropped",
            )
    return bool(completed)


def retry_delay(base_seconds: float, attempt: int) -> float:
    """Exponential backoff: base, 2 x base, 4 x base... capped at ten minutes."""
    return float(min(base_seconds * 2 ** (attempt - 1), MAX_RETRY_DELAY_SECONDS))


def fail_attempt(
    engine: sa.Engine, task: ClaimedTask, worker_id: str, error: str, base_delay: float
) -> TaskState | None:
    """Queue the task again after a backoff, or fail it when it has no attempts left. None when
    the task was canceled or taken away meanwhile."""
    now = time.time()
    if task.attempt < task.max_attempts:
        delay = retry_delay(base_delay, task.attempt)
        values: dict[str, Any] = {"state": TaskState.PENDING.value, "run_after": now + delay}
        outcome = f"retrying in {delay:g} s"
    else:
        values = {"state": TaskState.FAILED.value, "finished_at": now}
        outcome = "no attempts left"
    with write_transaction(engine) as conn:
        changed = conn.execute(
            tasks.update()
            .where(_held_by(task.id, worker_id))
            .values(error=error, worker_id=None, lease_expires_at=None, updated_at=now, **values)
        ).rowcount
        if not changed:
            return None
        _log(conn, task.id, now, "error", f"attempt {task.attempt} failed: {error}; {outcome}")
    return TaskState(values["state"])


def renew_leases(engine: sa.Engine, worker_ids: list[str], lease_seconds: float) -> None:
    now = time.time()
    with write_transaction(engine) as conn:
        conn.execute(
            tasks.update()
            .where(tasks.c.worker_id.in_(worker_ids), tasks.c.state == TaskState.RUNNING.value)
            .values(lease_expires_at=now + lease_seconds)
        )


def release_abandoned(engine: sa.Engine, *, every_running: bool) -> int:
    """Put back to pending the running tasks whose worker is gone: those with an expired lease, or
    all of them when `every_running` (one SQLite process starting: nothing else can run them). A task
    that has used all its attempts fails instead, so a task that kills its worker cannot loop."""
    now = time.time()
    query = sa.select(tasks.c.id, tasks.c.attempts, tasks.c.max_attempts).where(
        tasks.c.state == TaskState.RUNNING.value
    )
    if not every_running:
        query = query.where(tasks.c.lease_expires_at < now)
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = conn.execute(query).all()
        for row in rows:
            exhausted = row.attempts >= row.max_attempts
            conn.execute(
                tasks.update()
                .where(tasks.c.id == row.id)
                .values(
                    state=(TaskState.FAILED if exhausted else TaskState.PENDING).value,
                    error=WORKER_STOPPED if exhausted else None,
                    finished_at=now if exhausted else None,
                    run_after=now,
                    worker_id=None,
                    lease_expires_at=None,
                    updated_at=now,
                )
            )
            message = f"attempt {row.attempts} was interrupted: its worker stopped; " + (
                "no attempts left" if exhausted else "queued again"
            )
            _log(conn, row.id, now, "warning", message)
    return len(rows)


def release_interrupted(engine: sa.Engine, worker_ids: list[str]) -> int:
    """At shutdown, hand back the tasks these workers could not finish, without counting the
    interrupted attempt."""
    now = time.time()
    with write_transaction(engine) as conn:
        ids = list(
            conn.execute(
                sa.select(tasks.c.id).where(
                    tasks.c.worker_id.in_(worker_ids), tasks.c.state == TaskState.RUNNING.value
                )
            ).scalars()
        )
        if ids:
            conn.execute(
                tasks.update()
                .where(tasks.c.id.in_(ids))
                .values(
                    state=TaskState.PENDING.value,
                    attempts=tasks.c.attempts - 1,
                    run_after=now,
                    worker_id=None,
                    lease_expires_at=None,
                    updated_at=now,
                )
            )
            conn.execute(
                task_logs.insert(),
                [
                    {
                        "task_id": task_id,
                        "timestamp": now,
                        "severity": "warning",
                        "message": "interrupted by the server's shutdown; queued again",
                    }
                    for task_id in ids
                ],
            )
    return len(ids)
