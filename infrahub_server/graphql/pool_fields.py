"""The IP pool get-resource mutations over `infrahub_server.ipam`: the next free prefix or address
of a pool, idempotent by `identifier`, in one change set on the request's branch."""

from __future__ import annotations

from typing import Any

from graphql import FieldNode

from infrahub_server import branches
from infrahub_server.graphql.context import GraphQLContext
from infrahub_server.graphql.selection import Request, project
from infrahub_server.ipam import Allocated, allocate_address, allocate_prefix, ipam_node_service

POOL_MUTATIONS = frozenset({"InfrahubIPPrefixPoolGetResource", "InfrahubIPAddressPoolGetResource"})


def _node(allocated: Allocated) -> dict[str, Any]:
    return {
        "id": allocated.id,
        "kind": allocated.kind,
        "identifier": allocated.identifier,
        "display_label": allocated.value,
        "branch": allocated.branch,
    }


def run_pool_mutation(
    context: GraphQLContext, request: Request, name: str, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    data = arguments.get("data") or {}
    pool_ref = data.get("id") or data.get("hfid")
    branches.ensure_writable(context.store, context.branch)
    with context.store.change_set(context.branch, actor_id=context.account_id, message=name) as writer:
        service = ipam_node_service(context.schema, writer)
        if name == "InfrahubIPPrefixPoolGetResource":
            allocated = allocate_prefix(
                service,
                pool_ref,
                identifier=data.get("identifier"),
                prefix_length=data.get("prefix_length"),
                member_type=data.get("member_type"),
                prefix_type=data.get("prefix_type"),
                data=data.get("data"),
            )
        else:
            allocated = allocate_address(
                service,
                pool_ref,
                identifier=data.get("identifier"),
                prefix_length=data.get("prefix_length"),
                address_type=data.get("address_type"),
                prefix_type=data.get("prefix_type"),
                data=data.get("data"),
            )
    payload: dict[str, Any] = project(request, {"ok": True, "node": _node(allocated)}, nodes, name)
    return payload
