"""GraphQL errors in the protocol's shape: `{message, locations, path, extensions{code, http_status, data}}`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphql import FieldNode, GraphQLError

from infrahub_server.errors import InfrahubError


def domain_error(error: InfrahubError, node: FieldNode | None, path: Sequence[str | int]) -> dict[str, Any]:
    entry: dict[str, Any] = {"message": error.message}
    if node is not None and node.loc is not None:
        start = node.loc.source.get_location(node.loc.start)
        entry["locations"] = [{"line": start.line, "column": start.column}]
    entry["path"] = list(path)
    entry["extensions"] = {"code": error.code, "http_status": error.http_status, "data": error.data}
    return entry


def graphql_error(error: GraphQLError) -> dict[str, Any]:
    return dict(error.formatted)
