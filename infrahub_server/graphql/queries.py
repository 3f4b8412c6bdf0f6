"""Root query fields: one per kind (compiled path) and the static ones this server answers."""

from __future__ import annotations

from typing import Any

from graphql import FieldNode

from infrahub_server import PROTOCOL_VERSION
from infrahub_server.errors import InfrahubError
from infrahub_server.graphql.branch_fields import DIFF_QUERIES, list_branches, run_diff_query
from infrahub_server.graphql.context import GraphQLContext
from infrahub_server.graphql.node_resolver import NodeResolver
from infrahub_server.graphql.root_fields import query_handler
from infrahub_server.graphql.selection import Request, project
from infrahub_server.permissions.graphql_gate import permission_report
from infrahub_server.store import Reader


class UnsupportedFieldError(InfrahubError):
    """A root field of the protocol's schema that this server does not answer yet."""

    code = "UNDEFINED_ERROR"
    http_status = 501


def run_query_field(
    context: GraphQLContext,
    request: Request,
    reader: Reader,
    name: str,
    nodes: list[FieldNode],
    arguments: dict[str, Any],
) -> Any:
    if context.schema.has(name):
        resolver = NodeResolver(request, context.schema, reader)
        if context.permissions is not None:
            resolver.kind_permissions = permission_report(context)
        return resolver.kind_query(name, nodes, arguments)
    if name == "InfrahubInfo":
        return project(
            request, {"version": PROTOCOL_VERSION, "deployment_id": context.deployment_id}, nodes, "Info"
        )
    if name == "InfrahubStatus":
        status = {
            "summary": {"schema_hash_synced": True},
            "workers": {
                "edges": [
                    {
                        "node": {
                            "id": context.deployment_id,
                            "active": True,
                            "schema_hash": context.schema.hash,
                        }
                    }
                ]
            },
        }
        return project(request, status, nodes, "Status")
    if name == "Branch":
        return project(request, list_branches(context, arguments), nodes, "Branch")
    if name in DIFF_QUERIES:
        return run_diff_query(context, request, name, nodes, arguments)
    if name == "AccountProfile":
        if context.account_id is None:
            return None
        return NodeResolver(request, context.schema, reader).node_by_id(context.account_id, nodes)
    handler = query_handler(name)
    if handler is not None:
        return handler(context, request, reader, nodes, arguments)
    raise UnsupportedFieldError(f"The query field {name} is not supported by this server yet")
