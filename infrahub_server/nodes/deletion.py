"""Deleting a node: what goes with it (cascade), and what forbids it (mandatory peers).

The whole set is planned and checked before the first row is written: a node may go only if no
node that stays holds it through a mandatory relationship.
"""

from __future__ import annotations

from collections import defaultdict

from infrahub_server.errors import ValidationError
from infrahub_server.nodes.edges import edge_side, kind_matches, peer_of, relationships_towards
from infrahub_server.nodes.lookup import NodeLookup
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Reader
from infrahub_server.store.types import EdgeSide

_OPPOSITE: dict[EdgeSide, EdgeSide] = {"source": "destination", "destination": "source", "either": "either"}


def plan_deletion(schema: SchemaBranch, reader: Reader, lookup: NodeLookup, root_id: str) -> dict[str, str]:
    """Every node deleted with `root_id` (itself first, then `on_delete: cascade` peers), id -> kind."""
    doomed = {root_id: lookup.kinds_of([root_id])[root_id]}
    level = dict(doomed)
    while level:
        following: dict[str, str] = {}
        for kind, ids in _by_kind(level).items():
            for rel in schema.get(kind).relationships:
                if rel.on_delete != "cascade" or rel.identifier is None:
                    continue
                edges = reader.get_edges(rel.identifier, ids, edge_side(rel))
                peers = [peer_of(edge, node_id) for node_id, items in edges.items() for edge in items]
                for peer, peer_kind in lookup.kinds_of(peers).items():
                    if peer not in doomed and kind_matches(schema, peer_kind, rel.peer):
                        following[peer] = peer_kind
        doomed.update(following)
        level = following
    return doomed


def check_deletion(schema: SchemaBranch, reader: Reader, lookup: NodeLookup, doomed: dict[str, str]) -> None:
    """Refuse when a node that stays holds one of `doomed` through a mandatory relationship."""
    for kind, ids in _by_kind(doomed).items():
        for holder_kind, rel in relationships_towards(schema, kind):
            if rel.optional or rel.identifier is None:
                continue
            edges = reader.get_edges(rel.identifier, ids, _OPPOSITE[edge_side(rel)])
            for node_id, items in edges.items():
                holders = [peer_of(edge, node_id) for edge in items]
                for holder, found_kind in lookup.kinds_of(holders).items():
                    if holder not in doomed and found_kind == holder_kind:
                        raise ValidationError(
                            f"Cannot delete {kind} '{node_id}'. It is linked to mandatory relationship "
                            f"{rel.name} on node {holder_kind} '{holder}' at {holder_kind}.{rel.name}",
                            data={"node_kind": kind, "field_name": rel.name},
                        )


def _by_kind(nodes: dict[str, str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for node_id, kind in nodes.items():
        grouped[kind].append(node_id)
    return grouped
