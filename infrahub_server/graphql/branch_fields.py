"""Branch mutations, the `Branch` query and the diff queries, over `infrahub_server.branches`.

Branch work is O(1) (create) or bounded by the branch's changes (diff, merge, rebase), so every
operation completes before the answer: `task` is always null and `wait_until_completion` is moot.
"""

from __future__ import annotations

from typing import Any

from graphql import FieldNode

from infrahub_server import branches
from infrahub_server.errors import ValidationError
from infrahub_server.graphql.attribute_fields import format_datetime
from infrahub_server.graphql.context import GraphQLContext
from infrahub_server.graphql.selection import Request, project
from infrahub_server.store import Store

BRANCH_MUTATIONS = frozenset(
    {
        "BranchCreate",
        "BranchUpdate",
        "BranchDelete",
        "BranchMerge",
        "BranchRebase",
        "BranchValidate",
        "DiffUpdate",
        "ResolveDiffConflict",
    }
)
DIFF_QUERIES = frozenset({"DiffTree", "DiffTreeSummary"})


def branch_object(store: Store, name: str) -> dict[str, Any]:
    """The `Branch` object of a stored branch."""
    details = branches.branch_details(store, name)
    record = details.record
    return {
        "id": record.id,
        "name": record.name,
        "description": record.description,
        "origin_branch": record.origin_branch,
        "branched_from": format_datetime(record.branched_from),
        "created_at": format_datetime(record.created_at),
        "status": record.status,
        "graph_version": record.graph_version,
        "sync_with_git": record.sync_with_git,
        "is_default": record.is_default,
        "is_isolated": record.is_isolated,
        "has_schema_changes": details.has_schema_changes,
        "schema_differs_from_default_branch": details.schema_differs_from_default_branch,
    }


def list_branches(context: GraphQLContext, arguments: dict[str, Any]) -> list[dict[str, Any]]:
    """`Branch(ids, name)`: every branch but `-global-`, the default branch first."""
    records = context.store.list_branches()
    if arguments.get("name") is not None:
        records = [r for r in records if r.name == arguments["name"]]
    if arguments.get("ids") is not None:
        wanted = set(arguments["ids"])
        records = [r for r in records if r.id in wanted]
    return [branch_object(context.store, r.name) for r in records]


def _branch_name(data: dict[str, Any]) -> str:
    name = data.get("name")
    if not name:
        raise ValidationError("The branch name is required", data={"field_name": "name"})
    return str(name)


def _run(context: GraphQLContext, name: str, data: dict[str, Any]) -> dict[str, Any]:
    """Perform the mutation and return its whole payload, which the selection then shapes."""
    store, actor = context.store, context.account_id
    if name == "BranchCreate":
        record = branches.create_branch(
            store,
            _branch_name(data),
            description=data.get("description") or "",
            sync_with_git=bool(data.get("sync_with_git")),
            origin_branch=data.get("origin_branch"),
            actor_id=actor,
        )
        return {"ok": True, "object": branch_object(store, record.name), "task": None}
    if name == "BranchUpdate":
        branches.update_branch(store, _branch_name(data), description=data.get("description") or "")
        return {"ok": True}
    if name == "BranchDelete":
        branches.delete_branch(store, _branch_name(data))
        return {"ok": True, "task": None}
    if name in ("BranchMerge", "BranchRebase"):
        operation = branches.merge_branch if name == "BranchMerge" else branches.rebase_branch
        record = operation(store, _branch_name(data), actor_id=actor)
        return {"ok": True, "object": branch_object(store, record.name), "task": None}
    if name == "BranchValidate":
        branch = _branch_name(data)
        problems = branches.validate_branch(store, branch)
        if problems:
            raise ValidationError("\n".join(problems), data={"branch": branch})
        return {"ok": True, "object": branch_object(store, branch), "task": None}
    if name == "DiffUpdate":
        branches.update_diff(
            store,
            data["branch"],
            name=data.get("name"),
            from_time=data.get("from_time"),
            to_time=data.get("to_time"),
        )
        return {"ok": True, "task": None}
    branches.resolve_conflict(store, data.get("conflict_id") or "", data.get("selected_branch") or "")
    return {"ok": True}


def run_branch_mutation(
    context: GraphQLContext, request: Request, name: str, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    payload: dict[str, Any] = project(request, _run(context, name, arguments.get("data") or {}), nodes, name)
    return payload


def run_diff_query(
    context: GraphQLContext, request: Request, name: str, nodes: list[FieldNode], arguments: dict[str, Any]
) -> Any:
    branch = arguments.get("branch") or context.branch
    if name == "DiffTree":
        tree = branches.get_diff_tree(
            context.store,
            branch,
            name=arguments.get("name"),
            limit=arguments.get("limit"),
            offset=arguments.get("offset") or 0,
        )
        return project(request, tree, nodes, "DiffTree")
    return project(
        request,
        branches.get_diff_summary(context.store, branch, name=arguments.get("name")),
        nodes,
        "DiffTreeSummary",
    )
