"""What a task is, as callers see it: its record, its log lines, its states and stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class TaskState(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELED = "canceled"


WORKER_STOPPED = "The worker running the task stopped"

FINISHED_STATES = frozenset({TaskState.COMPLETED, TaskState.FAILED, TaskState.CANCELED})

STAGE_ORDER: dict[str, int | None] = {"generator": 0, "artifact": 1, "check": 2, "default": None}
"""On one branch, a task does not start while tasks of an earlier stage are pending or running;
"default" tasks are not ordered (their rank is NULL, which compares neither below nor above), nor
are tasks without a branch."""


@dataclass(frozen=True, slots=True)
class TaskLog:
    timestamp: datetime
    severity: str
    message: str


@dataclass(frozen=True, slots=True)
class TaskRecord:
    id: str
    name: str
    title: str
    state: TaskState
    stage: str
    progress: float
    attempts: int
    max_attempts: int
    branch: str | None
    related_nodes: tuple[str, ...]
    parent_id: str | None
    result: Any
    error: str | None
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES


def to_datetime(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def to_optional_datetime(epoch: float | None) -> datetime | None:
    return None if epoch is None else to_datetime(epoch)
