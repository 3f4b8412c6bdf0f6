"""Finding the automation nodes a route or a task names: by id, or by their unique `name`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from infrahub_server.nodes.edges import edge_side, peer_of
from infrahub_server.nodes.lookup import not_found
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import AttributeFilter, NodeRecord, Reader


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def find_named_node(
    reader: Reader, schema: SchemaBranch, kind: str, name_or_id: str, attributes: Sequence[str] | None = None
) -> NodeRecord:
    """The node of `kind` (or a kind implementing it) whose id or `name` is `name_or_id`."""
    kinds = schema.concrete_kinds(kind) if kind in schema.generics else [kind]
    if _is_uuid(name_or_id):
        found = reader.get_nodes([name_or_id], attributes)
        record = found.get(name_or_id)
        if record is not None and record.kind in kinds:
            return record
    ids = reader.find_node_ids(kinds, [AttributeFilter("name", "eq", name_or_id)], limit=1)
    if ids:
        found = reader.get_nodes(ids, attributes)
        if ids[0] in found:
            return found[ids[0]]
    raise not_found(name_or_id, kind)


def attribute_value(record: NodeRecord, name: str) -> object:
    attribute = record.attributes.get(name)
    return None if attribute is None else attribute.value


def peer_id(reader: Reader, schema: SchemaBranch, record: NodeRecord, relationship: str) -> str | None:
    """The peer of a cardinality-one relationship of `record`, None when it has none."""
    rel = schema.get(record.kind).get_relationship(relationship)
    if rel is None or rel.identifier is None:
        return None
    edges = reader.get_edges(rel.identifier, [record.id], edge_side(rel)).get(record.id, [])
    peers = [peer_of(edge, record.id) for edge in edges]
    if not peers:
        return None
    kinds = reader.kinds_of(peers)
    accepted = set(schema.concrete_kinds(rel.peer)) | {rel.peer}
    return next((peer for peer in peers if kinds.get(peer) in accepted), None)
