"""Which existing node an upsert updates.

By `id`, else by `hfid`, else by the HFID the input would give the node (relationship parts compared
by peer), else by the kind's default filter. No match means the upsert creates the node; the SDK
never sends `hfid`, so matching on the input's HFID is what makes its upserts idempotent.
"""

from __future__ import annotations

from typing import Any

from infrahub_server.errors import NodeNotFoundError
from infrahub_server.nodes.edges import edge_side
from infrahub_server.nodes.identity import parse_path
from infrahub_server.nodes.inputs import MISSING, NodeInput
from infrahub_server.nodes.lookup import NodeLookup, not_found
from infrahub_server.nodes.relationships import RelationshipPlanner
from infrahub_server.nodes.values import check_value
from infrahub_server.schema.models import KindSchema
from infrahub_server.store import AttributeFilter, Filter, RelationshipFilter


def find_existing(
    lookup: NodeLookup, planner: RelationshipPlanner, schema: KindSchema, node_input: NodeInput
) -> str | None:
    """The id of the node an upsert of `node_input` updates, or None when it creates one."""
    if node_input.id:
        found = lookup.kinds_of([node_input.id]).get(node_input.id)
        if found is not None and found != schema.kind:
            raise not_found(node_input.id, schema.kind)
        return node_input.id if found else None
    if node_input.hfid:
        try:
            return lookup.by_hfid(schema.kind, node_input.hfid)[0]
        except NodeNotFoundError:
            return None
    if schema.human_friendly_id:
        filters = _hfid_filters(planner, schema, node_input)
    else:
        filters = _default_filter(schema, node_input)
    if filters is None:
        return None
    ids = lookup.find(schema.kind, filters)
    return ids[0] if ids else None


def _hfid_filters(
    planner: RelationshipPlanner, schema: KindSchema, node_input: NodeInput
) -> list[Filter] | None:
    """Filters matching the node whose HFID equals the one `node_input` would give, if complete."""
    filters: list[Filter] = []
    for item in schema.human_friendly_id or []:
        path = parse_path(schema, item)
        if path.relationship is None:
            value = _input_value(schema, node_input, path.attribute)
            if value is None:
                return None
            filters.append(AttributeFilter(path.attribute, "eq", value))
            continue
        rel = schema.get_relationship(path.relationship)
        refs = node_input.relationships.get(path.relationship)
        if rel is None or rel.identifier is None or not refs:
            return None
        # the peer's HFID attribute identifies it, so comparing the peer itself is equivalent
        peer = planner.resolve(schema.kind, rel, refs)[0]
        filters.append(RelationshipFilter(rel.identifier, edge_side(rel), peer_ids=(peer.id,)))
    return filters


def _default_filter(schema: KindSchema, node_input: NodeInput) -> list[Filter] | None:
    if not schema.default_filter:
        return None
    attribute = parse_path(schema, schema.default_filter).attribute
    value = _input_value(schema, node_input, attribute)
    return None if value is None else [AttributeFilter(attribute, "eq", value)]


def _input_value(schema: KindSchema, node_input: NodeInput, name: str) -> Any:
    """The value the node would get for attribute `name` (its default when not sent)."""
    attr = schema.get_attribute(name)
    if attr is None:
        return None
    given = node_input.attributes.get(name)
    if given is None or given.value is MISSING or given.value is None:
        return attr.default_value
    return check_value(schema.kind, attr, given.value)
