# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""GraphQL documents given as text or as a dict tree, and their responses as flat lists."""

from __future__ import annotations

import json
from typing import Any

from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError


def render_document(query: Any, variables: dict[str, Any] | None = None) -> str:
    """A string as it is; a dict rendered by the SDK with variable types taken from the values."""
    if isinstance(query, str):
        return query
    if not isinstance(query, dict):
        raise InfrahubCollectionError(
            f"query: expected a GraphQL string or a dict, got {type(query).__name__}"
        )
    from infrahub_sdk.graphql import Query  # pylint: disable=import-outside-toplevel

    types = {name: type(value) for name, value in (variables or {}).items()}
    return Query(query=query, variables=types or None).render()


def flatten_edges(data: dict[str, Any]) -> list[Any]:
    """The nodes under `edges` of every top-level field; fields without edges are returned whole."""
    items: list[Any] = []
    for value in data.values():
        if isinstance(value, dict) and isinstance(value.get("edges"), list):
            items.extend(edge.get("node", edge) for edge in value["edges"])
        else:
            items.append(value)
    return items


def graphql_literal(value: Any) -> str:
    """A Python value as a GraphQL input literal (filters are arguments, not variables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(graphql_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {graphql_literal(item)}" for key, item in value.items()) + "}"
    raise InfrahubCollectionError(
        f"filters: cannot send {value!r} ({type(value).__name__}) as a filter value"
    )
