"""History stays bounded: finished tasks past the retention period or beyond the count kept are
deleted with their logs; pending and running tasks never are."""

from __future__ import annotations

import time
from dataclasses import replace

import anyio
import sqlalchemy as sa
from task_harness import finished

from infrahub_server.api.context import ServerContext
from infrahub_server.app import create_app
from infrahub_server.settings import Settings
from infrahub_server.tasks.retention import purge_finished_tasks
from infrahub_server.tasks.tables import task_logs


def _log_count(server: ServerContext) -> int:
    with server.store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(task_logs)).scalar_one())


async def test_finished_tasks_older_than_the_retention_period_are_purged(queued_only: ServerContext) -> None:
    queue = queued_only.tasks
    done = [queue.submit("system.echo", {}, related_nodes=["leaf1"]) for _ in range(3)]
    for task_id in done:
        queue.cancel(task_id)
        queue.add_log(task_id, "kept until purged")
    waiting = queue.submit("system.echo", {})
    engine = queued_only.store.engine

    assert purge_finished_tasks(engine, max_age_days=7, max_kept=100, now=time.time() + 6 * 86400) == 0
    assert purge_finished_tasks(engine, max_age_days=7, max_kept=100, now=time.time() + 8 * 86400) == 3

    assert [record.id for record in queue.list()] == [waiting]
    assert queue.count(related_node="leaf1") == 0
    assert _log_count(queued_only) == 0


async def test_only_the_most_recent_finished_tasks_are_kept(queued_only: ServerContext) -> None:
    queue = queued_only.tasks
    done = []
    for _ in range(5):
        done.append(queue.submit("system.echo", {}))
        queue.cancel(done[-1])
    waiting = queue.submit("system.echo", {})

    assert purge_finished_tasks(queued_only.store.engine, max_age_days=7, max_kept=2) == 3

    assert {record.id for record in queue.list()} == {waiting, *done[-2:]}


async def test_the_workers_purge_by_themselves(task_settings: Settings) -> None:
    app = create_app(task_settings)
    async with app.router.lifespan_context(app):
        server: ServerContext = app.state.server
        for n in range(3):
            await finished(server, server.tasks.submit("system.echo", {"echo": n}))

    app = create_app(replace(task_settings, task_retention_max=1, task_lease_seconds=0.3))
    async with app.router.lifespan_context(app):
        server = app.state.server
        with anyio.fail_after(5):
            while server.tasks.count() > 1:
                await anyio.sleep(0.05)

        assert [record.result for record in server.tasks.list()] == [{"echo": 2}]
