"""Task queue benchmark (issue #7), in-process: a real server's queue and worker threads.

    python -m bench.task_queue [tasks] [workers]      # defaults: 2000 tasks, 2 workers
    INFRAHUB_BENCH_DATABASE_URL=postgresql://... python -m bench.task_queue   # PostgreSQL instead of SQLite

Prints:
- submissions per second (one transaction per task, no worker running);
- throughput draining that backlog with no-op tasks (`system.echo`), tasks per second;
- latency from submit to start on idle workers, p50 / p99 over 200 tasks one at a time.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from infrahub_server.api.context import ServerContext
from infrahub_server.app import create_app
from infrahub_server.auth.passwords import hash_password
from infrahub_server.settings import Settings
from infrahub_server.tasks import TaskState

LATENCY_SAMPLES = 200


T = TypeVar("T")


async def _with_server(settings: Settings, work: Callable[[ServerContext], T]) -> T:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        return await asyncio.to_thread(work, app.state.server)


def _submit_backlog(count: int) -> Callable[[ServerContext], float]:
    def submit(server: ServerContext) -> float:
        started = time.perf_counter()
        for n in range(count):
            server.tasks.submit("system.echo", {"echo": n})
        return time.perf_counter() - started

    return submit


def _drain() -> Callable[[ServerContext], float]:
    def drain(server: ServerContext) -> float:
        started = time.perf_counter()
        while server.tasks.count(state=TaskState.PENDING):
            time.sleep(0.01)
        while server.tasks.count(state=TaskState.RUNNING):
            time.sleep(0.001)
        return time.perf_counter() - started

    return drain


def _latencies(server: ServerContext) -> list[float]:
    samples = []
    for n in range(LATENCY_SAMPLES):
        record = server.tasks.wait(server.tasks.submit("system.echo", {"echo": n}), 10)
        assert record.started_at is not None
        samples.append((record.started_at - record.created_at).total_seconds() * 1000)
    return samples


async def main(count: int, workers: int, workdir: Path) -> None:
    database_url = os.environ.get("INFRAHUB_BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.db'}"
    settings = Settings(database_url=database_url, initial_admin_password=hash_password("bench", rounds=4))
    submit_seconds = await _with_server(replace(settings, task_workers=0), _submit_backlog(count))
    drain_seconds = await _with_server(replace(settings, task_workers=workers), _drain())
    latencies = await _with_server(replace(settings, task_workers=workers), _latencies)
    quantiles = statistics.quantiles(latencies, n=100)
    print(f"database: {database_url.partition(':')[0]}, workers: {workers}, tasks: {count}")
    print(f"submit:     {count / submit_seconds:8.0f} tasks/s")
    print(f"throughput: {count / drain_seconds:8.0f} tasks/s (no-op tasks, backlog of {count})")
    print(
        f"latency submit->start: p50 {quantiles[49]:.1f} ms, p99 {quantiles[98]:.1f} ms ({LATENCY_SAMPLES} tasks)"
    )


if __name__ == "__main__":
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    worker_count = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory() as directory:
        asyncio.run(main(tasks, worker_count, Path(directory)))
