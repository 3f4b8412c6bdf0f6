"""`CoreGeneratorDefinitionRun`: run a generator definition now on the request's branch, for all its
targets or those in `data.nodes`; `wait_until_completion` (default true) waits for the task."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infrahub_server import branches
from infrahub_server.automation.lookup import find_named_node
from infrahub_server.errors import InfrahubError
from infrahub_server.generator_runs.definitions import GENERATOR_DEFINITION_KIND
from infrahub_server.generator_runs.tasks import submit_generator_run
from infrahub_server.graphql.root_fields import mutation_field
from infrahub_server.graphql.selection import project
from infrahub_server.store import Snapshot
from infrahub_server.tasks import TaskQueue

if TYPE_CHECKING:
    from graphql import FieldNode

    from infrahub_server.graphql.context import GraphQLContext
    from infrahub_server.graphql.selection import Request

WAIT_SECONDS = 600.0


@mutation_field("CoreGeneratorDefinitionRun")
def generator_definition_run(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    data = arguments.get("data") or {}
    branches.ensure_writable(context.store, context.branch)
    with context.store.reader(Snapshot(context.branch)) as reader:
        definition = find_named_node(
            reader, context.schema, GENERATOR_DEFINITION_KIND, str(data.get("id") or "")
        )
    queue = TaskQueue(context.store.engine)
    task_id = submit_generator_run(
        queue,
        definition.id,
        branch=context.branch,
        nodes=list(data.get("nodes") or []) or None,
        account_id=context.account_id,
    )
    ok = True
    if arguments.get("wait_until_completion", True):
        record = queue.wait(task_id, timeout=WAIT_SECONDS)
        if record.error:
            raise InfrahubError(f"The generator {definition.id} failed: {record.error}")
        ok = not (record.result or {}).get("failed")
    payload = {"ok": ok, "task": {"__typename": "TaskInfo", "id": task_id}}
    return dict(project(request, payload, nodes, "GeneratorDefinitionRequestRun"))
