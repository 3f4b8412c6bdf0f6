"""What a running handler sees: the server, its task, and ways to report back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext
    from infrahub_server.tasks.queue import TaskQueue


@dataclass(frozen=True, slots=True)
class TaskContext:
    server: ServerContext
    task_id: str
    name: str
    branch: str | None
    attempt: int
    queue: TaskQueue

    def log(self, message: str, severity: str = "info") -> None:
        """Add a line to the task's log (visible at once through the API)."""
        self.queue.add_log(self.task_id, message, severity)

    def progress(self, fraction: float) -> None:
        """Record how far the task is, from 0.0 to 1.0."""
        self.queue.set_progress(self.task_id, fraction)

    @property
    def canceled(self) -> bool:
        """True once someone canceled the task: a long handler may stop early; its result is dropped."""
        return self.queue.is_canceled(self.task_id)

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
    ) -> str:
        """Queue a child task, on this task's branch unless another is given."""
        return self.queue.submit(
            name,
            payload,
            branch=branch if branch is not None else self.branch,
            title=title,
            related_nodes=related_nodes,
            stage=stage,
            max_attempts=max_attempts,
            dedupe_key=dedupe_key,
            parent_id=self.task_id,
        )
