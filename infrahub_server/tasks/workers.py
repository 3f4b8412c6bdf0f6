"""Worker threads inside the server process: they claim tasks, run their handlers and record the
outcome. One more thread keeps the leases of running tasks alive, hands back tasks whose process
died and purges old history. A handler's exception fails its attempt, never the worker."""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from typing import TYPE_CHECKING

from infrahub_server.tasks import claims
from infrahub_server.tasks.context import TaskContext
from infrahub_server.tasks.registry import handler_for
from infrahub_server.tasks.retention import purge_finished_tasks

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5
PURGE_EVERY_SECONDS = 300.0
_STOP_TIMEOUT_SECONDS = 10.0


class TaskWorkers:
    def __init__(self, server: ServerContext, count: int) -> None:
        self.server = server
        self.queue = server.tasks
        self.count = count
        settings = server.settings
        self.lease_seconds = settings.task_lease_seconds
        self.retry_delay = settings.task_retry_delay
        process = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self.worker_ids = [f"{process}:{index}" for index in range(count)]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start the threads (none when the count is 0: tasks are then only queued)."""
        if not self.count:
            return
        engine = self.queue.engine
        released = claims.release_abandoned(engine, every_running=engine.dialect.name == "sqlite")
        if released:
            logger.warning(
                "%d task(s) were running when the server stopped; queued again or failed", released
            )
        for worker_id in self.worker_ids:
            thread = threading.Thread(
                target=self._work, args=(worker_id,), name=f"task-{worker_id}", daemon=True
            )
            self._threads.append(thread)
        self._threads.append(threading.Thread(target=self._maintain, name="task-maintenance", daemon=True))
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop claiming, let running handlers finish for a few seconds, then hand back the rest."""
        if not self._threads:
            return
        self._stop.set()
        self.queue.notify_work()
        deadline = time.monotonic() + _STOP_TIMEOUT_SECONDS
        for thread in self._threads:
            thread.join(max(deadline - time.monotonic(), 0.0))
        self._threads.clear()
        try:
            claims.release_interrupted(self.queue.engine, self.worker_ids)
        except Exception:
            logger.exception("Handing back the interrupted tasks failed; the next start will")

    def _work(self, worker_id: str) -> None:
        while not self._stop.is_set():
            try:
                task = claims.claim_next(self.queue.engine, worker_id, self.lease_seconds)
            except Exception:
                logger.exception("Claiming a task failed")
                self._stop.wait(POLL_SECONDS)
                continue
            if task is None:
                self.queue.wait_for_work(POLL_SECONDS)
                continue
            try:
                self._run(task, worker_id)
            except Exception:
                logger.exception("Recording the outcome of task %s failed", task.id)
            finally:
                self.queue.notify_finished()

    def _run(self, task: claims.ClaimedTask, worker_id: str) -> None:
        queue = self.queue
        context = TaskContext(
            server=self.server,
            task_id=task.id,
            name=task.name,
            branch=task.branch,
            attempt=task.attempt,
            queue=queue,
        )
        try:
            handler = handler_for(task.name)
            if handler is None:
                raise LookupError(f"no task handler is registered for {task.name!r}")
            result = handler(context, task.payload)
            json.dumps(result)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            logger.warning("Task %s (%s) attempt %d failed: %s", task.id, task.name, task.attempt, error)
            claims.fail_attempt(queue.engine, task, worker_id, error, self.retry_delay)
            return
        claims.complete(queue.engine, task.id, worker_id, result)

    def _maintain(self) -> None:
        engine = self.queue.engine
        settings = self.server.settings
        next_purge = 0.0
        while not self._stop.wait(self.lease_seconds / 3):
            try:
                claims.renew_leases(engine, self.worker_ids, self.lease_seconds)
                if claims.release_abandoned(engine, every_running=False):
                    self.queue.notify_work()
                if time.monotonic() >= next_purge:
                    next_purge = time.monotonic() + PURGE_EVERY_SECONDS
                    purged = purge_finished_tasks(
                        engine,
                        max_age_days=settings.task_retention_days,
                        max_kept=settings.task_retention_max,
                    )
                    if purged:
                        logger.info("Purged %d finished task(s) past retention", purged)
            except Exception:
                logger.exception("Task maintenance failed; trying again")
