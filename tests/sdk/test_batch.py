"""Batches run their tasks with bounded concurrency and hand back `(node, result)` pairs."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from infrahub_sdk.batch import InfrahubBatch, InfrahubBatchSync


async def test_async_batch_never_exceeds_its_concurrency() -> None:
    running = 0
    peak = 0

    async def task(value: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return value * 2

    batch = InfrahubBatch(max_concurrent_execution=3)
    for value in range(10):
        batch.add(value, task=task, node=value)
    results = sorted([item async for item in batch.execute()])
    assert results == [(value, value * 2) for value in range(10)]
    assert peak == 3


async def test_async_batch_errors_raise_or_are_returned() -> None:
    async def fail() -> None:
        raise ValueError("boom")

    batch = InfrahubBatch(return_exceptions=True)
    batch.add(task=fail, node="n")
    [(node, error)] = [item async for item in batch.execute()]
    assert node == "n"
    assert isinstance(error, ValueError)

    strict = InfrahubBatch()
    strict.add(task=fail)
    with pytest.raises(ValueError, match="boom"):
        [item async for item in strict.execute()]


def test_sync_batch_keeps_submission_order_and_bounds_threads() -> None:
    lock = threading.Lock()
    running = 0
    peak = 0

    def task(value: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.01)
        with lock:
            running -= 1
        return value + 1

    batch = InfrahubBatchSync(max_concurrent_execution=2)
    for value in range(6):
        batch.add(value, task=task, node=value)
    assert batch.num_tasks == 6
    assert list(batch.execute()) == [(value, value + 1) for value in range(6)]
    assert peak == 2
