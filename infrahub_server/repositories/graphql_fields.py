"""GraphQL: creating a repository syncs it, as Infrahub's git agent does, and the repository
mutations of Infrahub's schema (`InfrahubRepositoryProcess`, `InfrahubRepositoryConnectivity`,
`InfrahubReadOnlyRepositoryImportLastCommit`) sync or probe one on the request's branch.

A sync runs as a `repository.sync` task; the mutation waits for it (up to `SYNC_WAIT_SECONDS`), so
the answer already shows the imported commit and `sync_status`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infrahub_server import branches
from infrahub_server.graphql.node_resolver import NodeResolver
from infrahub_server.graphql.root_fields import MutationHandler, mutation_field
from infrahub_server.graphql.selection import project
from infrahub_server.ipam import ipam_node_service
from infrahub_server.repositories import hooks as _hooks  # noqa: F401  (registers the kind hooks)
from infrahub_server.repositories.git import GitError, remote_url, run_git
from infrahub_server.repositories.records import READ_ONLY_KIND, REPOSITORY_KINDS, read_repository
from infrahub_server.repositories.sync_tasks import submit_sync
from infrahub_server.repositories.worktree import plain_folder
from infrahub_server.store import Snapshot
from infrahub_server.tasks import TaskQueue, TaskState

if TYPE_CHECKING:
    from graphql import FieldNode

    from infrahub_server.graphql.context import GraphQLContext
    from infrahub_server.graphql.selection import Request

SYNC_WAIT_SECONDS = 60.0
_SYNC_TRIGGERS = {"location", "ref", "commit", "default_branch"}


def _sync_and_wait(
    context: GraphQLContext, repository_id: str, commit: str | None = None
) -> tuple[str, bool]:
    """(task id, whether the sync did not fail); a sync still running after the wait counts as not failed."""
    queue = TaskQueue(context.store.engine)
    task_id = submit_sync(queue, repository_id, context.branch, commit=commit)
    try:
        record = queue.wait(task_id, SYNC_WAIT_SECONDS)
    except TimeoutError:
        return task_id, True
    return task_id, record.state is not TaskState.FAILED


def _repository_id(context: GraphQLContext, arguments: dict[str, Any], kinds: tuple[str, ...]) -> str:
    repository_id = str((arguments.get("data") or {}).get("id") or "")
    with context.store.reader(Snapshot(context.branch)) as reader:
        record = read_repository(reader, context.schema, repository_id)
    if record.kind not in kinds:
        raise GitError(f"{repository_id} is a {record.kind}, not a {' or '.join(kinds)}")
    return record.id


def _task_payload(task_id: str, ok: bool) -> dict[str, Any]:
    return {"ok": ok, "task": {"__typename": "TaskInfo", "id": task_id}}


@mutation_field("InfrahubRepositoryProcess")
def repository_process(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    task_id, ok = _sync_and_wait(context, _repository_id(context, arguments, REPOSITORY_KINDS))
    return dict(project(request, _task_payload(task_id, ok), nodes, "ProcessRepository"))


@mutation_field("InfrahubReadOnlyRepositoryImportLastCommit")
def read_only_import_last_commit(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    task_id, ok = _sync_and_wait(context, _repository_id(context, arguments, (READ_ONLY_KIND,)))
    return dict(project(request, _task_payload(task_id, ok), nodes, "ReadOnlyRepositoryImportLastCommit"))


@mutation_field("InfrahubRepositoryConnectivity")
def repository_connectivity(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    repository_id = str((arguments.get("data") or {}).get("id") or "")
    with context.store.reader(Snapshot(context.branch)) as reader:
        record = read_repository(reader, context.schema, repository_id)
    if plain_folder(record.location) is not None:
        payload = {"ok": True, "message": "The folder is readable"}
    else:
        try:
            run_git(["ls-remote", "--heads", remote_url(record.location)], credential=record.credential)
            payload = {"ok": True, "message": "Successfully accessed repository"}
        except GitError as exc:
            payload = {"ok": False, "message": exc.message}
    return dict(project(request, payload, nodes, "ValidateRepositoryConnectivity"))


def _write_then_sync(kind: str, operation: str) -> MutationHandler:
    """The generated Create/Upsert/Update of a repository kind, followed by a sync when the
    repository is new or its location, ref or commit changed."""

    def handler(
        context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
    ) -> dict[str, Any]:
        name = f"{kind}{operation}"
        data = arguments.get("data") or {}
        branches.ensure_writable(context.store, context.branch)
        with context.store.change_set(context.branch, actor_id=context.account_id, message=name) as writer:
            service = ipam_node_service(context.schema, writer)
            if operation == "Create":
                node_id, changed = service.create(kind, data), True
            elif operation == "Upsert":
                node_id, changed = service.upsert(kind, data)
                changed = changed or bool(_SYNC_TRIGGERS & set(data))
            else:
                node_id, changed = service.update(kind, data), bool(_SYNC_TRIGGERS & set(data))
        if changed:
            _sync_and_wait(context, node_id, (data.get("commit") or {}).get("value"))
        with context.store.reader(Snapshot(context.branch)) as reader:
            resolver = NodeResolver(request, context.schema, reader)
            out: dict[str, Any] = {}
            for key, sub in request.sub_fields(nodes, name).items():
                field_name = sub[0].name.value
                if field_name == "ok":
                    out[key] = True
                elif field_name == "object":
                    out[key] = resolver.node_by_id(node_id, sub)
                elif field_name == "__typename":
                    out[key] = name
            return out

    return handler


for _kind in REPOSITORY_KINDS:
    for _operation in ("Create", "Upsert", "Update"):
        mutation_field(f"{_kind}{_operation}")(_write_then_sync(_kind, _operation))
