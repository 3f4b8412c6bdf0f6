"""Bodies of `GET /api/schema`, `/api/schema/{kind}` and `/api/schema/summary`."""

from __future__ import annotations

from typing import Any

from infrahub_server.errors import SchemaNotFoundError
from infrahub_server.schema.constants import RESTRICTED_NAMESPACES
from infrahub_server.schema.models import KindSchema, Namespace, SchemaBranch

# Kinds that exist on the server but are never served: tokens, identities, synthetic IPAM kinds.
HIDDEN_NAMESPACES = frozenset({"Internal", "Schema"})


def _is_served(schema: KindSchema) -> bool:
    return schema.namespace not in HIDDEN_NAMESPACES


def kind_item(schema: KindSchema) -> dict[str, Any]:
    """One kind as served: every field present, relationships to hidden kinds left out."""
    item = schema.model_dump(mode="json")
    item["relationships"] = [
        rel for rel in item["relationships"] if not rel["peer"].startswith(tuple(HIDDEN_NAMESPACES))
    ]
    return item


def namespace_list(schema: SchemaBranch) -> list[Namespace]:
    """Namespaces of every kind, in order of first appearance."""
    seen: dict[str, Namespace] = {}
    for kind in schema.all_kinds().values():
        if kind.namespace not in seen and kind.namespace != "Schema":
            seen[kind.namespace] = Namespace(
                name=kind.namespace, user_editable=_user_editable(kind.namespace)
            )
    return list(seen.values())


def _user_editable(namespace: str) -> bool:
    return namespace not in RESTRICTED_NAMESPACES


def api_payload(schema: SchemaBranch, namespaces: list[str] | None = None) -> dict[str, Any]:
    """`GET /api/schema`: every served kind, or those of the given namespaces (the list of namespaces stays whole)."""

    def keep(kind: KindSchema) -> bool:
        return _is_served(kind) and (not namespaces or kind.namespace in namespaces)

    return {
        "main": schema.hash,
        "nodes": [kind_item(item) for item in schema.nodes.values() if keep(item)],
        "generics": [kind_item(item) for item in schema.generics.values() if keep(item)],
        "profiles": [kind_item(item) for item in schema.profiles.values() if keep(item)],
        "templates": [kind_item(item) for item in schema.templates.values() if keep(item)],
        "namespaces": [ns.model_dump(mode="json") for ns in namespace_list(schema)],
    }


def kind_payload(schema: SchemaBranch, kind: str) -> dict[str, Any]:
    if not schema.has(kind) or not _is_served(schema.get(kind)):
        raise SchemaNotFoundError(f"Unable to find the schema {kind!r} in the registry")
    return kind_item(schema.get(kind))


def summary_payload(schema: SchemaBranch) -> dict[str, Any]:
    return {
        "main": schema.hash,
        "nodes": {kind: item.hash for kind, item in schema.nodes.items()},
        "generics": {kind: item.hash for kind, item in schema.generics.items()},
    }
