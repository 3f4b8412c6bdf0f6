"""Running a generator definition on a branch: for each target, the user's `InfrahubGenerator`
subclass runs in a subprocess with an SDK client pointed back at this server (loopback address, a
token of the calling account that lives as long as the run).

Each target has its `CoreGeneratorInstance` ("<definition>: <target label>"), Processing while the
generator runs, then Ready or Error. The SDK runs `generate()` in tracking mode under the
definition's name and the target's parameters, so a re-run deletes the nodes it no longer produces.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from infrahub_server.artifacts.definitions import edge_peers
from infrahub_server.automation.transforms import server_address
from infrahub_server.automation.user_code import run_user_code
from infrahub_server.errors import InfrahubError
from infrahub_server.generator_runs.definitions import (
    GENERATOR_DEFINITION_KIND,
    Target,
    UserCodeDefinition,
    read_targets,
    read_user_code_definition,
)
from infrahub_server.nodes import NodeService
from infrahub_server.repositories.worktree import repository_directory
from infrahub_server.store import Snapshot

if TYPE_CHECKING:
    from collections.abc import Iterator

    from infrahub_server.api.context import ServerContext

logger = logging.getLogger(__name__)

INSTANCE_KIND = "CoreGeneratorInstance"
INSTANCE_DEFINITION_EDGE = "generator__generator_definition"
INSTANCE_OBJECT_EDGE = "generator__node"
RunLog = Callable[[str, str], None]


def log_to_logger(message: str, severity: str) -> None:
    logger.log(logging.ERROR if severity == "error" else logging.INFO, "%s", message)


@dataclass(slots=True)
class GeneratorRunReport:
    definition_id: str
    definition_name: str
    branch: str
    succeeded: int = 0
    failed: int = 0
    errors: dict[str, str] = field(default_factory=dict)

    def as_result(self) -> dict[str, Any]:
        return {
            "definition": self.definition_id,
            "branch": self.branch,
            "succeeded": self.succeeded,
            "failed": self.failed,
            "errors": self.errors,
        }


@contextmanager
def run_token(
    server: ServerContext, account_id: str | None, *, purpose: str, seconds: float
) -> Iterator[str | None]:
    """An API token of `account_id` for user code, deleted when the block ends (and expiring on
    its own shortly after, should the server stop first)."""
    if account_id is None:
        yield None
        return
    plain, record = server.credentials.add_api_token(
        account_id, name=purpose, expires_at=time.time() + seconds + 60
    )
    try:
        yield plain
    finally:
        server.credentials.delete_api_token(record.id, account_id=account_id)


def _instances(server: ServerContext, branch: str, definition_id: str) -> dict[str, str]:
    """Per target id, the id of its generator instance of this definition."""
    with server.store.reader(Snapshot(branch)) as reader:
        instance_ids = edge_peers(reader, INSTANCE_DEFINITION_EDGE, [definition_id]).get(definition_id, [])
        objects = edge_peers(reader, INSTANCE_OBJECT_EDGE, instance_ids)
    return {target: instance for instance, targets in objects.items() for target in targets}


def _save_instance(
    server: ServerContext,
    branch: str,
    definition: UserCodeDefinition,
    target: Target,
    instance_id: str | None,
    status: str,
    account_id: str | None,
) -> str:
    schema = server.schemas.for_branch_name(branch)
    with server.store.change_set(
        branch, actor_id=account_id, message=f"Generator {definition.name}"
    ) as writer:
        service = NodeService(schema, writer)
        if instance_id is not None:
            return service.update(INSTANCE_KIND, {"id": instance_id, "status": {"value": status}})
        return service.create(
            INSTANCE_KIND,
            {
                "name": {"value": f"{definition.name}: {target.label}"},
                "status": {"value": status},
                "object": {"id": target.id},
                "definition": {"id": definition.id},
            },
        )


def run_generator_definition(
    server: ServerContext,
    definition: str,
    *,
    branch: str,
    nodes: list[str] | None = None,
    account_id: str | None = None,
    log: RunLog = log_to_logger,
) -> GeneratorRunReport:
    """Run the generator definition `definition` (name or id) for its targets (those among `nodes`
    when given). A failing target is recorded (instance status Error, `errors`) and the others go
    on. Blocking: call it from a worker thread or a task handler."""
    schema = server.schemas.for_branch_name(branch)
    with server.store.reader(Snapshot(branch)) as reader:
        spec = read_user_code_definition(reader, schema, GENERATOR_DEFINITION_KIND, definition)
        targets = read_targets(reader, schema, spec, nodes)
    report = GeneratorRunReport(spec.id, spec.name, branch)
    instances = _instances(server, branch, spec.id)
    directory = repository_directory(server, spec.repository_id, branch)
    timeout = server.settings.user_code_timeout
    with run_token(
        server, account_id, purpose=f"generator {spec.name}", seconds=timeout * max(len(targets), 1)
    ) as token:
        for target in targets:
            instance_id = _save_instance(
                server, branch, spec, target, instances.get(target.id), "Processing", account_id
            )
            init = {
                "query": spec.query_name or "",
                "branch": branch,
                "generator_instance": instance_id,
                "params": target.variables,
                "convert_query_response": spec.convert_query_response,
                "execute_after_merge": spec.execute_after_merge,
            }
            try:
                run_user_code(
                    directory,
                    spec.file_path,
                    spec.class_name,
                    "run",
                    {"init": init, "call": {"identifier": spec.name}},
                    timeout=timeout,
                    memory_mb=server.settings.user_code_memory_mb,
                    server_address=server_address(server),
                    token=token,
                )
            except InfrahubError as error:
                report.failed += 1
                report.errors[target.id] = error.message
                log(f"{spec.name}: {target.label}: {error.message}", "error")
                _save_instance(server, branch, spec, target, instance_id, "Error", account_id)
                continue
            report.succeeded += 1
            log(f"{spec.name}: {target.label}: done", "info")
            _save_instance(server, branch, spec, target, instance_id, "Ready", account_id)
    return report
