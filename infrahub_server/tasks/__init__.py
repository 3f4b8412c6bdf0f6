"""The durable task queue: tasks stored in the database, run by worker threads in the server.

    queue = server.tasks                       # a TaskQueue
    task_id = queue.submit("artifact.generate", {"definition": "..."}, branch="main", stage="artifact")
    record = queue.wait(task_id, timeout=30)   # TaskRecord: state, result, error...

Handlers register with `@task_handler(name)` in a module listed in `registry.HANDLER_MODULES`.
"""

from infrahub_server.tasks.context import TaskContext
from infrahub_server.tasks.models import TaskLog, TaskRecord, TaskState
from infrahub_server.tasks.queue import TaskQueue
from infrahub_server.tasks.registry import task_handler
from infrahub_server.tasks.workers import TaskWorkers

__all__ = ["TaskContext", "TaskLog", "TaskQueue", "TaskRecord", "TaskState", "TaskWorkers", "task_handler"]
