"""Bounded history: finished tasks (with their logs) are deleted once older than the retention
period, and beyond the most recent `max_kept`. Pending and running tasks are never deleted."""

from __future__ import annotations

import time

import sqlalchemy as sa

from infrahub_server.store.engine import read_transaction, write_transaction
from infrahub_server.tasks.models import FINISHED_STATES
from infrahub_server.tasks.tables import task_logs, task_related_nodes, tasks

_BATCH = 500


def purge_finished_tasks(
    engine: sa.Engine, *, max_age_days: float, max_kept: int, now: float | None = None
) -> int:
    """Delete what the retention settings no longer keep; returns how many tasks were deleted."""
    cutoff = (time.time() if now is None else now) - max_age_days * 86400
    finished = tasks.c.state.in_([state.value for state in FINISHED_STATES])
    with read_transaction(engine) as conn:
        expired = set(
            conn.execute(sa.select(tasks.c.id).where(finished, tasks.c.finished_at < cutoff)).scalars()
        )
        expired.update(
            conn.execute(
                sa.select(tasks.c.id)
                .where(finished)
                .order_by(tasks.c.finished_at.desc(), tasks.c.id)
                .offset(max_kept)
            ).scalars()
        )
    doomed = sorted(expired)
    for start in range(0, len(doomed), _BATCH):
        batch = doomed[start : start + _BATCH]
        with write_transaction(engine) as conn:
            conn.execute(task_logs.delete().where(task_logs.c.task_id.in_(batch)))
            conn.execute(task_related_nodes.delete().where(task_related_nodes.c.task_id.in_(batch)))
            conn.execute(tasks.delete().where(tasks.c.id.in_(batch), finished))
    return len(doomed)
