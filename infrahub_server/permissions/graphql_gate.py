"""Which permissions a GraphQL operation needs, checked before anything runs (section 8's order):
the anonymous gate, `edit_default_branch` for mutations on the default branch, the branch
operations' own permissions, the management permissions of account, permission and repository
kinds, then object permissions (`view` for every kind queried, `create`/`update`/`delete` for the
kinds mutated). A refusal raises before the first change set opens: nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from graphql import FieldNode, GraphQLSchema, TypeInfo, TypeInfoVisitor, Visitor, get_named_type, parse, visit

from infrahub_server.errors import AuthenticationError, PermissionDeniedError
from infrahub_server.permissions.enforcement import check_permission, kind_permission_report, managing_action
from infrahub_server.permissions.model import GlobalAction, ObjectAction
from infrahub_server.store import GLOBAL_BRANCH, Snapshot

if TYPE_CHECKING:
    from infrahub_server.graphql.context import GraphQLContext

# Mutations that never need `edit_default_branch` (Infrahub's list, plus the branch operations
# the SDK always sends to the default branch's endpoint).
DEFAULT_BRANCH_EXEMPT = frozenset(
    {
        "BranchCreate",
        "BranchDelete",
        "BranchRebase",
        "BranchValidate",
        "DiffUpdate",
        "InfrahubAccountSelfUpdate",
        "InfrahubAccountTokenCreate",
        "InfrahubAccountTokenDelete",
    }
)
BRANCH_OPERATIONS = {
    "BranchMerge": GlobalAction.MERGE_BRANCH,
    "BranchRebase": GlobalAction.REBASE_BRANCH,
    "BranchDelete": GlobalAction.DELETE_BRANCH,
}
# Fields about the caller's own account that anonymous callers may not read.
ACCOUNT_QUERY_FIELDS = frozenset(
    {
        "InfrahubAccountToken",
        "InfrahubEffectivePreferences",
        "InfrahubUserPreferences",
        "InfrahubGlobalPreferences",
    }
)
_NODE_OPERATIONS = {
    "Create": (ObjectAction.CREATE,),
    "Update": (ObjectAction.UPDATE,),
    "Upsert": (ObjectAction.CREATE, ObjectAction.UPDATE),
    "Delete": (ObjectAction.DELETE,),
}
_RELATIONSHIP_MUTATIONS = frozenset({"RelationshipAdd", "RelationshipRemove"})
# How the generated GraphQL types of a kind are named: pages, edges, and the node type itself.
_PAGE_PREFIXES = ("NestedPaginated", "NestedEdged", "Paginated", "Edged", "")


def on_default_branch(context: GraphQLContext) -> bool:
    return context.branch in (context.store.default_branch, GLOBAL_BRANCH)


def _check_kind(context: GraphQLContext, kind: str, action: str) -> None:
    schema = context.schema.get(kind)
    default = on_default_branch(context)
    try:
        check_permission(context.permissions, action, kind=kind, on_default_branch=default)
    except PermissionDeniedError:
        # Branch-agnostic kinds live outside every branch: an allow on any branch covers them.
        if getattr(schema, "branch", None) != "agnostic":
            raise
        check_permission(context.permissions, action, kind=kind, on_default_branch=not default)


def _check_managed(context: GraphQLContext, kind: str) -> None:
    schema = context.schema.get(kind)
    action = managing_action(kind, tuple(getattr(schema, "inherit_from", ())))
    if action is not None:
        check_permission(context.permissions, action)


@lru_cache(maxsize=512)
def _types_read(schema: GraphQLSchema, query: str) -> tuple[frozenset[str], frozenset[str]]:
    """The root fields of `query` and the names of the object types its selections return
    (cached: clients repeat their queries, and the walk costs more than the checks)."""
    type_info = TypeInfo(schema)
    roots: set[str] = set()
    names: set[str] = set()

    class _Collect(Visitor):
        def enter_field(self, node: FieldNode, *_: Any) -> None:
            if type_info.get_parent_type() is schema.query_type:
                roots.add(node.name.value)
            named = get_named_type(type_info.get_type())
            if named is not None:
                names.add(named.name)

    visit(parse(query), TypeInfoVisitor(type_info, _Collect()))
    return frozenset(roots), frozenset(names)


def _kind_of_type(context: GraphQLContext, type_name: str) -> str | None:
    for prefix in _PAGE_PREFIXES:
        kind = type_name[len(prefix) :]
        if type_name.startswith(prefix) and context.schema.has(kind):
            return kind
    return None


def authorize_query(context: GraphQLContext, schema: GraphQLSchema, query: str) -> None:
    """`view` on every kind the query reads, at its root or through relationships; anonymous
    callers may not read the caller's own account fields."""
    permissions = context.permissions
    if permissions is None or permissions.is_super_admin:
        return
    roots, type_names = _types_read(schema, query)
    if permissions.anonymous and roots & ACCOUNT_QUERY_FIELDS:
        raise AuthenticationError("Authentication is required to perform this operation")
    for type_name in sorted(type_names):
        kind = _kind_of_type(context, type_name)
        if kind is not None:
            _check_kind(context, kind, ObjectAction.VIEW)


def _node_operation(context: GraphQLContext, name: str) -> tuple[str, tuple[ObjectAction, ...]] | None:
    for suffix, actions in _NODE_OPERATIONS.items():
        kind = name.removesuffix(suffix)
        if kind != name and context.schema.has(kind):
            return kind, actions
    return None


def _relationship_kinds(context: GraphQLContext, data: dict[str, Any]) -> tuple[str | None, list[str]]:
    """The kind of the node whose relationship changes and the kinds of the peers added or removed."""
    node_id = str(data.get("id") or "")
    peer_ids = [str(peer.get("id")) for peer in data.get("nodes") or () if isinstance(peer, dict)]
    with context.store.reader(Snapshot(context.branch)) as reader:
        kinds = reader.kinds_of([node_id, *peer_ids])
    return kinds.get(node_id), [kinds[peer] for peer in peer_ids if peer in kinds]


def authorize_mutation_field(context: GraphQLContext, name: str, arguments: dict[str, Any]) -> None:
    permissions = context.permissions
    if permissions is None or permissions.is_super_admin:
        return
    if on_default_branch(context) and name not in DEFAULT_BRANCH_EXEMPT:
        check_permission(permissions, GlobalAction.EDIT_DEFAULT_BRANCH)
    if name in BRANCH_OPERATIONS:
        check_permission(permissions, BRANCH_OPERATIONS[name])
        return
    target = _node_operation(context, name)
    if target is not None:
        kind, actions = target
        _check_managed(context, kind)
        for action in actions:
            _check_kind(context, kind, action)
        return
    if name in _RELATIONSHIP_MUTATIONS:
        node_kind, peer_kinds = _relationship_kinds(context, arguments.get("data") or {})
        if node_kind is None:
            return
        for managed in (node_kind, *peer_kinds):
            _check_managed(context, managed)
        _check_kind(context, node_kind, ObjectAction.UPDATE)


def permission_report(context: GraphQLContext) -> Callable[[list[str]], dict[str, Any]]:
    """The `permissions { ... }` answer of a page for the caller of `context`."""
    permissions = context.permissions
    assert permissions is not None
    default = on_default_branch(context)
    return lambda kinds: kind_permission_report(permissions, kinds, on_default_branch=default)
