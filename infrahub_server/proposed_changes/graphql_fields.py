"""GraphQL for proposed changes: the node mutations of `CoreProposedChange` (which start the
pipeline, and merge when an update sets `state` to `merged`), `CoreProposedChangeRunCheck`,
`CoreProposedChangeReview`, `CoreProposedChangeMerge` and `CoreProposedChangeCheckForApprovalRevoke`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infrahub_server import branches
from infrahub_server.errors import ValidationError
from infrahub_server.graphql.node_resolver import NodeResolver
from infrahub_server.graphql.root_fields import mutation_field
from infrahub_server.graphql.selection import project
from infrahub_server.ipam import ipam_node_service
from infrahub_server.nodes.lookup import NodeLookup
from infrahub_server.permissions import check_permission
from infrahub_server.permissions.model import GlobalAction
from infrahub_server.proposed_changes import comments as _comments  # noqa: F401  (counts comments)
from infrahub_server.proposed_changes import rules as _rules  # noqa: F401  (registers the kind's rules)
from infrahub_server.proposed_changes.merging import merge_proposed_change, settle_interrupted_merge
from infrahub_server.proposed_changes.policy import required_approvals
from infrahub_server.proposed_changes.records import (
    MERGED,
    OPEN,
    PROPOSED_CHANGE,
    changes_in_state,
    load_proposed_change,
)
from infrahub_server.proposed_changes.reviews import review, revoke_outdated_approvals
from infrahub_server.proposed_changes.task_handlers import submit_checks
from infrahub_server.proposed_changes.validators import CHECK_TYPES
from infrahub_server.store import Snapshot

if TYPE_CHECKING:
    from graphql import FieldNode

    from infrahub_server.graphql.context import GraphQLContext
    from infrahub_server.graphql.selection import Request
    from infrahub_server.store import Reader


def _payload(
    request: Request, context: GraphQLContext, reader: Reader, nodes: list[FieldNode], node_id: str, name: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, sub in request.sub_fields(nodes, name).items():
        field = sub[0].name.value
        if field == "ok":
            out[key] = True
        elif field == "object":
            out[key] = NodeResolver(request, context.schema, reader).node_by_id(node_id, sub)
        elif field == "__typename":
            out[key] = name
    return out


def _write_node(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], operation: str, data: dict[str, Any]
) -> tuple[dict[str, Any], str, bool]:
    """The generated node mutation, as for any kind; returns (payload, id, created)."""
    name = f"{PROPOSED_CHANGE}{operation}"
    branches.ensure_writable(context.store, context.branch)
    with context.store.change_set(context.branch, actor_id=context.account_id, message=name) as writer:
        service = ipam_node_service(context.schema, writer)
        created = operation == "Create"
        if operation == "Create":
            node_id = service.create(PROPOSED_CHANGE, data)
        elif operation == "Update":
            node_id = service.update(PROPOSED_CHANGE, data)
        else:
            node_id, created = service.upsert(PROPOSED_CHANGE, data)
        return _payload(request, context, writer, nodes, node_id, name), node_id, created


def _start_checks(context: GraphQLContext, change_id: str) -> None:
    change = load_proposed_change(context.store, change_id)
    if change.state == OPEN:
        submit_checks(context.store, change, "ALL", actor_id=context.account_id)


def _settings_policy(context: GraphQLContext, change_id: str) -> int:
    if context.settings is None:
        raise ValidationError(
            "Proposed changes are merged through the server's GraphQL endpoint", data={"id": change_id}
        )
    return required_approvals(context.store, change_id, context.settings)


def _merge(context: GraphQLContext, change_id: str) -> None:
    check_permission(context.permissions, GlobalAction.MERGE_PROPOSED_CHANGE)
    merge_proposed_change(
        context.store,
        context.schema,
        change_id,
        actor_id=context.account_id,
        required_approvals=_settings_policy(context, change_id),
    )


@mutation_field("CoreProposedChangeCreate")
def create_proposed_change(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    payload, change_id, _ = _write_node(context, request, nodes, "Create", arguments.get("data") or {})
    _start_checks(context, change_id)
    return payload


@mutation_field("CoreProposedChangeUpsert")
def upsert_proposed_change(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    payload, change_id, created = _write_node(context, request, nodes, "Upsert", arguments.get("data") or {})
    if created:
        _start_checks(context, change_id)
    return payload


def _requested_state(data: dict[str, Any]) -> Any:
    state = data.get("state")
    return state.get("value") if isinstance(state, dict) else None


def _locate(context: GraphQLContext, data: dict[str, Any]) -> str:
    """The id of the proposed change `data` names (`id` or `hfid`)."""
    with context.store.reader(Snapshot(context.store.default_branch)) as reader:
        lookup = NodeLookup(context.schema, reader)
        if data.get("id"):
            return lookup.by_id(PROPOSED_CHANGE, str(data["id"]))[0]
        if data.get("hfid"):
            return lookup.by_hfid(PROPOSED_CHANGE, list(data["hfid"]))[0]
    raise ValidationError(
        f"Either id or hfid must be provided to identify the {PROPOSED_CHANGE}",
        data={"node_kind": PROPOSED_CHANGE},
    )


@mutation_field("CoreProposedChangeUpdate")
def update_proposed_change(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    """An update that sets `state` to `merged` merges the change, as Infrahub accepts it."""
    data = arguments.get("data") or {}
    change_id = _locate(context, data)
    change = settle_interrupted_merge(context.store, load_proposed_change(context.store, change_id))
    if _requested_state(data) != MERGED:
        payload, _, _ = _write_node(context, request, nodes, "Update", data)
        if change.state != OPEN and _requested_state(data) == OPEN:
            _start_checks(context, change_id)
        return payload
    if set(data) - {"id", "hfid", "state"}:
        raise ValidationError(
            "An update that merges a proposed change cannot change other fields",
            data={"node_kind": PROPOSED_CHANGE, "field_name": "state"},
        )
    _merge(context, change_id)
    with context.store.reader(Snapshot(context.branch)) as reader:
        return _payload(request, context, reader, nodes, change_id, f"{PROPOSED_CHANGE}Update")


def _change_id(arguments: dict[str, Any]) -> str:
    change_id = (arguments.get("data") or {}).get("id")
    if not change_id:
        raise ValidationError("The id of the proposed change is required", data={"field_name": "id"})
    return str(change_id)


@mutation_field("CoreProposedChangeMerge")
def merge(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    """Merged before the answer (`wait_until_completion` is moot): `task` is null."""
    _merge(context, _change_id(arguments))
    return dict(project(request, {"ok": True, "task": None}, nodes, "ProposedChangeMerge"))


@mutation_field("CoreProposedChangeReview")
def review_change(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    check_permission(context.permissions, GlobalAction.REVIEW_PROPOSED_CHANGE)
    data = arguments.get("data") or {}
    change_id = _change_id(arguments)
    change = load_proposed_change(context.store, change_id)
    # An approval counts for the branch as it is now: earlier ones must not survive a later commit.
    revoke_outdated_approvals(context.store, context.schema, change, actor_id=context.account_id)
    review(
        context.store,
        context.schema,
        change_id,
        str(data.get("decision") or ""),
        account_id=context.account_id,
    )
    return dict(project(request, {"ok": True}, nodes, "ProposedChangeReview"))


@mutation_field("CoreProposedChangeRunCheck")
def run_check(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    check_type = str((arguments.get("data") or {}).get("check_type") or "ALL")
    if check_type not in (*CHECK_TYPES, "ALL"):
        raise ValidationError(
            f"check_type must be one of {', '.join(CHECK_TYPES)} or ALL",
            data={"field_name": "check_type", "value": check_type},
        )
    change = load_proposed_change(context.store, _change_id(arguments))
    if change.state != OPEN:
        raise ValidationError(
            f"The proposed change '{change.name}' is {change.state}: its checks no longer run",
            data={"id": change.id, "state": change.state},
        )
    submit_checks(context.store, change, check_type, actor_id=context.account_id)
    return dict(project(request, {"ok": True}, nodes, "ProposedChangeRequestRunCheck"))


@mutation_field("CoreProposedChangeCheckForApprovalRevoke")
def check_for_approval_revoke(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    """Revoke the approvals given before the source branch's newest change, on the changes
    `ids` names (all open ones when null)."""
    ids = (arguments.get("data") or {}).get("ids")
    store = context.store
    if ids is None:
        with store.reader(Snapshot(store.default_branch)) as reader:
            changes = changes_in_state(reader, OPEN)
    else:
        changes = [load_proposed_change(store, str(change_id)) for change_id in ids]
    for change in changes:
        if change.state == OPEN:
            revoke_outdated_approvals(store, context.schema, change, actor_id=context.account_id)
    return dict(project(request, {"ok": True}, nodes, "ProposedChangeCheckForApprovalRevoke"))
