"""Root mutation fields: the generated node mutations and RelationshipAdd/Remove, each in its own
change set; the returned `object` is read back through the same writer."""

from __future__ import annotations

from typing import Any

from graphql import FieldNode

from infrahub_server import branches
from infrahub_server.graphql.branch_fields import BRANCH_MUTATIONS, run_branch_mutation
from infrahub_server.graphql.context import GraphQLContext
from infrahub_server.graphql.node_resolver import NodeResolver
from infrahub_server.graphql.pool_fields import POOL_MUTATIONS, run_pool_mutation
from infrahub_server.graphql.queries import UnsupportedFieldError
from infrahub_server.graphql.root_fields import mutation_handler
from infrahub_server.graphql.selection import Request
from infrahub_server.ipam import ipam_node_service
from infrahub_server.storage.file_objects import uploaded_file

_OPERATIONS = ("Create", "Update", "Upsert", "Delete")


def _split(context: GraphQLContext, name: str) -> tuple[str, str] | None:
    for operation in _OPERATIONS:
        kind = name.removesuffix(operation)
        if kind != name and context.schema.has(kind):
            return kind, operation
    return None


def _payload(
    request: Request, resolver: NodeResolver, nodes: list[FieldNode], node_id: str | None, type_name: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, sub in request.sub_fields(nodes, type_name).items():
        name = sub[0].name.value
        if name == "ok":
            out[key] = True
        elif name == "object":
            out[key] = resolver.node_by_id(node_id, sub)
        elif name == "__typename":
            out[key] = type_name
    return out


def run_mutation_field(
    context: GraphQLContext, request: Request, name: str, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    if name in BRANCH_MUTATIONS:
        return run_branch_mutation(context, request, name, nodes, arguments)
    if name in POOL_MUTATIONS:
        return run_pool_mutation(context, request, name, nodes, arguments)
    handler = mutation_handler(name)
    if handler is not None:
        return handler(context, request, nodes, arguments)
    target = _split(context, name)
    if target is None and name not in ("RelationshipAdd", "RelationshipRemove"):
        raise UnsupportedFieldError(f"The mutation {name} is not supported by this server yet")
    data = arguments.get("data") or {}
    branches.ensure_writable(context.store, context.branch)
    with (
        uploaded_file(arguments.get("file")),
        context.store.change_set(context.branch, actor_id=context.account_id, message=name) as writer,
    ):
        service = ipam_node_service(context.schema, writer)
        resolver = NodeResolver(request, context.schema, writer)
        if target is None:
            peers = list(data.get("nodes") or [])
            if name == "RelationshipAdd":
                service.relationship_add(str(data.get("id")), str(data.get("name")), peers)
            else:
                service.relationship_remove(str(data.get("id")), str(data.get("name")), peers)
            return _payload(request, resolver, nodes, None, name)
        kind, operation = target
        node_id: str | None
        if operation == "Create":
            node_id = service.create(kind, data)
        elif operation == "Update":
            node_id = service.update(kind, data)
        elif operation == "Upsert":
            node_id, _ = service.upsert(kind, data)
        else:
            service.delete(kind, data)
            node_id = None
        return _payload(request, resolver, nodes, node_id, name)
