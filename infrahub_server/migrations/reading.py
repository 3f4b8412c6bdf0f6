"""Reads a migration needs beyond counts: one attribute's values, and peer counts, page by page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from infrahub_server.nodes.edges import edge_side, kind_matches, peer_of
from infrahub_server.schema.models import RelationshipSchema, SchemaBranch
from infrahub_server.store import Reader
from infrahub_server.store.types import AttributeFilter, AttributeRecord, NodeRecord, RelationshipFilter

PAGE_SIZE = 5_000


def pages(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), PAGE_SIZE):
        yield ids[start : start + PAGE_SIZE]


def attribute_records(reader: Reader, kind: str, name: str) -> Iterator[tuple[str, AttributeRecord]]:
    """The (node id, record) of every node of `kind` whose `name` has a value."""
    ids = reader.find_node_ids([kind], [AttributeFilter(name, "notnull")])
    for page in pages(ids):
        for node_id, node in reader.get_nodes(page, [name]).items():
            record = node.attributes.get(name)
            if record is not None and record.value is not None:
                yield node_id, record


def node_pages(reader: Reader, kind: str, names: Sequence[str]) -> Iterator[dict[str, NodeRecord]]:
    """Every node of `kind` with the attributes `names`, a page at a time."""
    for page in pages(reader.find_node_ids([kind])):
        yield reader.get_nodes(page, names)


def peer_ids(
    reader: Reader, schema: SchemaBranch, rel: RelationshipSchema, node_ids: Sequence[str]
) -> dict[str, list[str]]:
    """The peers over `rel` of each of `node_ids` that has any, keeping peers whose kind fits."""
    assert rel.identifier is not None
    edges = reader.get_edges(rel.identifier, node_ids, edge_side(rel))
    far = {peer_of(edge, node_id): node_id for node_id, found in edges.items() for edge in found}
    kinds = reader.kinds_of(list(far))
    return {
        node_id: peers
        for node_id, found in edges.items()
        if (
            peers := [
                peer_of(edge, node_id)
                for edge in found
                if kind_matches(schema, kinds.get(peer_of(edge, node_id), ""), rel.peer)
            ]
        )
    }


def peer_counts(reader: Reader, schema: SchemaBranch, kind: str, rel: RelationshipSchema) -> dict[str, int]:
    """How many peers each node of `kind` with at least one peer over `rel` has."""
    assert rel.identifier is not None
    linked = reader.find_node_ids([kind], [has_peer(schema, rel)])
    counts: dict[str, int] = {}
    for page in pages(linked):
        counts.update((node_id, len(peers)) for node_id, peers in peer_ids(reader, schema, rel, page).items())
    return counts


def has_peer(schema: SchemaBranch, rel: RelationshipSchema, *, missing: bool = False) -> RelationshipFilter:
    """Nodes with a peer of a fitting kind over `rel`, or without one (`missing`)."""
    assert rel.identifier is not None
    return RelationshipFilter(
        rel.identifier,
        edge_side(rel),
        peer_kinds=tuple(schema.concrete_kinds(rel.peer)),
        isnull=True if missing else None,
    )
