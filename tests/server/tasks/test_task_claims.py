"""Claiming is atomic: however many workers race, each task runs once."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from infrahub_server.store.engine import create_store_engine
from infrahub_server.tasks import TaskQueue
from infrahub_server.tasks.claims import claim_next, release_abandoned
from infrahub_server.tasks.tables import create_task_tables, tasks


def test_racing_workers_of_several_processes_claim_each_task_once(database_url: str) -> None:
    # One engine per simulated server process, each with its own connection pool.
    engines = [create_store_engine(database_url) for _ in range(3)]
    try:
        create_task_tables(engines[0])
        queue = TaskQueue(engines[0])
        submitted = {queue.submit("system.echo", {"echo": n}) for n in range(120)}
        claimed: Counter[str] = Counter()
        lock = threading.Lock()

        def drain(worker: int) -> None:
            engine = engines[worker % len(engines)]
            while (task := claim_next(engine, f"worker-{worker}", 60)) is not None:
                with lock:
                    claimed[task.id] += 1

        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(drain, range(6)))

        assert set(claimed) == submitted
        assert max(claimed.values()) == 1
    finally:
        for engine in engines:
            engine.dispose()


def test_a_running_task_whose_lease_expired_goes_back_to_pending(database_url: str) -> None:
    engine = create_store_engine(database_url)
    try:
        create_task_tables(engine)
        queue = TaskQueue(engine)
        live = queue.submit("system.echo", {})
        dead = queue.submit("system.echo", {})
        assert claim_next(engine, "alive", 60) is not None
        assert claim_next(engine, "gone", 60) is not None
        with engine.begin() as conn:
            conn.execute(tasks.update().where(tasks.c.worker_id == "gone").values(lease_expires_at=0))

        assert release_abandoned(engine, every_running=False) == 1

        assert (queue.get(live).state.value, queue.get(dead).state.value) == ("running", "pending")
        assert queue.logs(dead)[-1].message == "attempt 1 was interrupted: its worker stopped; queued again"
        with engine.connect() as conn:
            assert conn.execute(sa.select(tasks.c.worker_id).where(tasks.c.id == dead)).scalar_one() is None
    finally:
        engine.dispose()
