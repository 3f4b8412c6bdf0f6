"""How a relationship is stored as edges, and which kinds may sit at its far end.

An edge is `identifier` between `source_id` and `destination_id`. The two relationships that share an
identifier agree on the orientation:

- `outbound`: the node holding the relationship is the source (hierarchy `parent`);
- `inbound`: the node holding the relationship is the destination (hierarchy `children`);
- `bidirectional`: the lower of the two node ids (string order) is the source. The rule needs
  nothing but the two ids, so both sides, and a relationship declared on one side only, write the
  same edge whichever side the mutation came from; readers take the other end (`side="either"`).

Readers keep only the peers whose kind fits the relationship's peer (`kind_matches`), as writes do.
"""

from __future__ import annotations

from infrahub_server.schema.models import KindSchema, RelationshipSchema, SchemaBranch
from infrahub_server.store.types import BranchScope, EdgeRecord, EdgeSide


def edge_side(rel: RelationshipSchema) -> EdgeSide:
    """Which end of the relationship's edges the node holding `rel` is on."""
    if rel.direction == "outbound":
        return "source"
    if rel.direction == "inbound":
        return "destination"
    return "either"


def edge_ends(rel: RelationshipSchema, node_id: str, peer_id: str) -> tuple[str, str]:
    """(source, destination) of the edge that links `node_id` to `peer_id` over `rel`."""
    side = edge_side(rel)
    if side == "source":
        return node_id, peer_id
    if side == "destination":
        return peer_id, node_id
    return (node_id, peer_id) if node_id <= peer_id else (peer_id, node_id)


def peer_of(edge: EdgeRecord, node_id: str) -> str:
    """The end of `edge` that is not `node_id`."""
    return edge.destination_id if edge.source_id == node_id else edge.source_id


def edge_scope(rel: RelationshipSchema, node_schema: KindSchema) -> BranchScope:
    return rel.branch or node_schema.branch


def kind_matches(schema: SchemaBranch, kind: str, target: str) -> bool:
    """Whether a node of `kind` can be the peer of a relationship whose peer is `target`."""
    return kind == target or kind in schema.concrete_kinds(target)


def relationships_towards(schema: SchemaBranch, kind: str) -> list[tuple[str, RelationshipSchema]]:
    """Every (holder kind, relationship) of a node kind whose peer a node of `kind` can be.

    Deleting a node must look at these: some are declared on the other side only.
    """
    found = []
    for holder_kind, holder in schema.nodes.items():
        for rel in holder.relationships:
            if rel.identifier and kind_matches(schema, kind, rel.peer):
                found.append((holder_kind, rel))
    return found
