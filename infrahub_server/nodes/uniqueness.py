"""Uniqueness constraints, checked in SQL through the reader while the kind is locked.

A constraint is a list of fields: attribute paths (`name__value`) and cardinality-one relationship
names (`device`). A node violates it when another node of the same kind has the same value for
every field; a constraint with an unset field is not checked (null matches nothing).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from infrahub_server.errors import UniquenessError
from infrahub_server.nodes.edges import edge_side
from infrahub_server.nodes.identity import parse_path
from infrahub_server.schema.models import KindSchema
from infrahub_server.store import Reader
from infrahub_server.store.types import AttributeFilter, Filter, RelationshipFilter


def constraint_fields(schema: KindSchema, constraint: list[str]) -> list[str]:
    """The field names a constraint is reported with: `['device', 'name__value']` -> device, name."""
    return _field_names(schema, constraint)


def _field_names(schema: KindSchema, constraint: list[str]) -> list[str]:
    return [
        item if schema.get_relationship(item) else parse_path(schema, item).attribute for item in constraint
    ]


def constraint_filters(
    schema: KindSchema,
    constraint: list[str],
    values: Mapping[str, Any],
    peers: Mapping[str, list[str]],
) -> list[Filter] | None:
    """Filters that find the nodes sharing this node's values, or None when a field is unset."""
    filters: list[Filter] = []
    for item in constraint:
        rel = schema.get_relationship(item)
        if rel is not None:
            peer_ids = peers.get(item) or []
            if not peer_ids or rel.identifier is None:
                return None
            filters.append(RelationshipFilter(rel.identifier, edge_side(rel), peer_ids=tuple(peer_ids)))
            continue
        value = values.get(parse_path(schema, item).attribute)
        if value is None:
            return None
        filters.append(AttributeFilter(parse_path(schema, item).attribute, "eq", value))
    return filters


def check_uniqueness(
    reader: Reader,
    schema: KindSchema,
    node_id: str | None,
    values: Mapping[str, Any],
    peers: Mapping[str, list[str]],
    touched: Collection[str] | None = None,
) -> None:
    """Raise UniquenessError for the first constraint another node of the kind already holds.

    `values` are the node's attribute values after the write, `peers` its peer ids per relationship.
    With `touched` (the attribute and relationship names a change writes), constraints on other
    fields are not checked again.
    """
    for constraint in schema.uniqueness_constraints or []:
        if touched is not None and not set(touched) & set(_field_names(schema, constraint)):
            continue
        filters = constraint_filters(schema, constraint, values, peers)
        if filters is None:
            continue
        others = [found for found in reader.find_node_ids([schema.kind], filters) if found != node_id]
        if others:
            fields = constraint_fields(schema, constraint)
            # Infrahub sends no `data` with this error; the message names the fields.
            raise UniquenessError(f"Violates uniqueness constraint '{'-'.join(fields)}'")
