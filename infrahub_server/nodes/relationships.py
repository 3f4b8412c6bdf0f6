"""Relationship changes of one node: resolve the named peers, check them, then write the edges.

A change is planned in full (peers found, kinds, counts on both sides checked) before any edge is
written, so a refused mutation writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from infrahub_server.errors import AttributeConstraintError, AttributeRequiredError, ValidationError
from infrahub_server.nodes.edges import edge_ends, edge_scope, edge_side, kind_matches, peer_of
from infrahub_server.nodes.inputs import PeerRef
from infrahub_server.nodes.lookup import NodeLookup
from infrahub_server.schema.models import KindSchema, RelationshipSchema, SchemaBranch
from infrahub_server.store import Writer
from infrahub_server.store.types import EdgeRecord

ChangeMode = Literal["replace", "add", "remove"]


@dataclass(frozen=True, slots=True)
class PeerLink:
    id: str
    kind: str
    ref: PeerRef


@dataclass(slots=True)
class RelationshipChange:
    rel: RelationshipSchema
    add: list[PeerLink] = field(default_factory=list)
    remove: list[EdgeRecord] = field(default_factory=list)
    restate: list[tuple[PeerLink, EdgeRecord]] = field(default_factory=list)
    """Peers kept whose edge properties (`_relation__*`) change."""
    peer_ids: list[str] = field(default_factory=list)
    """The node's peers over `rel` once the change is written."""


def _properties_change(ref: PeerRef, edge: EdgeRecord) -> bool:
    return (
        (ref.is_protected is not None and ref.is_protected != edge.is_protected)
        or (ref.source is not None and ref.source != edge.source_prop_id)
        or (ref.owner is not None and ref.owner != edge.owner_id)
    )


def counterpart(
    schema: SchemaBranch, rel: RelationshipSchema, holder_kind: str, peer_kind: str
) -> RelationshipSchema | None:
    """The relationship on `peer_kind` that reads the same edges back towards `holder_kind`."""
    peer_schema = schema.nodes.get(peer_kind)
    if peer_schema is None:
        return None
    wanted = {"outbound": "inbound", "inbound": "outbound"}.get(rel.direction, "bidirectional")
    for other in peer_schema.relationships:
        if (
            other.identifier == rel.identifier
            and other.direction == wanted
            and kind_matches(schema, holder_kind, other.peer)
        ):
            return other
    return None


def check_count(kind: str, rel: RelationshipSchema, count: int) -> None:
    if count == 0 and not rel.optional:
        raise AttributeRequiredError(
            f"{rel.name} is mandatory for {kind} at {rel.name}", kind=kind, field=rel.name
        )
    if rel.min_count and count < rel.min_count:
        raise AttributeConstraintError(
            f"Too few relationships, min {rel.min_count} at {rel.name}", kind=kind, field=rel.name
        )
    if rel.max_count and count > rel.max_count:
        raise AttributeConstraintError(
            f"Too many relationships, max {rel.max_count} at {rel.name}", kind=kind, field=rel.name
        )


class RelationshipPlanner:
    """Plans and writes the relationship changes of nodes within one change set."""

    def __init__(self, schema: SchemaBranch, writer: Writer, lookup: NodeLookup) -> None:
        self.schema = schema
        self.writer = writer
        self.lookup = lookup
        # an upsert resolves its HFID peers to match the node, then again to write it
        self._peers: dict[tuple[str, PeerRef], tuple[str, str]] = {}

    def forget(self, ids: Iterable[str]) -> None:
        """Drop what is known of deleted nodes."""
        gone = set(ids)
        self._peers = {key: found for key, found in self._peers.items() if found[0] not in gone}
        self.lookup.forget(gone)

    def resolve(self, kind: str, rel: RelationshipSchema, refs: Iterable[PeerRef]) -> list[PeerLink]:
        links: dict[str, PeerLink] = {}
        for ref in refs:
            key = (rel.peer, ref)
            if key not in self._peers:
                self._peers[key] = self.lookup.peer(rel, ref)
            peer_id, peer_kind = self._peers[key]
            if not kind_matches(self.schema, peer_kind, rel.peer):
                raise ValidationError(
                    f"{peer_kind} is not a valid peer for {rel.name}, expected {rel.peer} at {rel.name}",
                    data={"node_kind": kind, "field_name": rel.name},
                )
            links.setdefault(peer_id, PeerLink(peer_id, peer_kind, ref))
        return list(links.values())

    def current_edges(self, rel: RelationshipSchema, node_id: str) -> list[EdgeRecord]:
        assert rel.identifier is not None
        edges = self.writer.get_edges(rel.identifier, [node_id], edge_side(rel)).get(node_id, [])
        peers = [peer_of(edge, node_id) for edge in edges]
        kinds = self.lookup.kinds_of(peers)
        return [
            edge
            for edge, peer in zip(edges, peers, strict=True)
            if peer in kinds and kind_matches(self.schema, kinds[peer], rel.peer)
        ]

    def plan(
        self,
        schema: KindSchema,
        node_id: str | None,
        rel: RelationshipSchema,
        links: list[PeerLink],
        mode: ChangeMode,
    ) -> RelationshipChange:
        current = (
            {peer_of(edge, node_id): edge for edge in self.current_edges(rel, node_id)} if node_id else {}
        )
        wanted = {link.id: link for link in links}
        change = RelationshipChange(rel)
        if mode == "remove":
            change.remove = [edge for peer, edge in current.items() if peer in wanted]
            change.peer_ids = [peer for peer in current if peer not in wanted]
        else:
            change.add = [link for peer, link in wanted.items() if peer not in current]
            change.restate = [
                (link, current[peer])
                for peer, link in wanted.items()
                if peer in current and _properties_change(link.ref, current[peer])
            ]
            if mode == "replace":
                change.remove = [edge for peer, edge in current.items() if peer not in wanted]
                change.peer_ids = list(wanted)
            else:
                change.peer_ids = list(current) + [link.id for link in change.add]
        check_count(schema.kind, rel, len(change.peer_ids))
        self._check_far_side(schema.kind, node_id, change)
        return change

    def _check_far_side(self, kind: str, node_id: str | None, change: RelationshipChange) -> None:
        """Peers whose own relationship back to us is cardinality one or mandatory must stay valid."""
        rel = change.rel
        for link in change.add:
            back = counterpart(self.schema, rel, kind, link.kind)
            if back is None or back.cardinality != "one":
                continue
            held = [peer for peer in self._far_peers(back, link.id) if peer != node_id]
            if held:
                raise AttributeConstraintError(
                    f"Too many relationships, max 1 at {back.name}",
                    kind=link.kind,
                    field=back.name,
                    data={"peer_id": link.id},
                )
        removed = [peer_of(edge, node_id) for edge in change.remove] if node_id else []
        for peer, peer_kind in self.lookup.kinds_of(removed).items():
            back = counterpart(self.schema, rel, kind, peer_kind)
            if back is None or back.optional:
                continue
            remaining = [other for other in self._far_peers(back, peer) if other != node_id]
            if len(remaining) < max(back.min_count, 1):
                raise AttributeConstraintError(
                    f"{back.name} is mandatory for {peer_kind} at {back.name}",
                    kind=peer_kind,
                    field=back.name,
                    data={"peer_id": peer},
                )

    def _far_peers(self, back: RelationshipSchema, peer_id: str) -> list[str]:
        return [peer_of(edge, peer_id) for edge in self.current_edges(back, peer_id)]

    def write(self, schema: KindSchema, node_id: str, change: RelationshipChange) -> None:
        rel = change.rel
        assert rel.identifier is not None
        for edge in change.remove:
            self.writer.remove_edge(rel.identifier, edge.source_id, edge.destination_id)
        scope = edge_scope(rel, schema)
        for link in change.add:
            source, destination = edge_ends(rel, node_id, link.id)
            self.writer.add_edge(
                rel.identifier,
                source,
                destination,
                scope=scope,
                is_protected=bool(link.ref.is_protected),
                source_prop_id=link.ref.source,
                owner_id=link.ref.owner,
            )
        for link, edge in change.restate:
            ref = link.ref
            self.writer.add_edge(
                rel.identifier,
                edge.source_id,
                edge.destination_id,
                scope=scope,
                is_protected=edge.is_protected if ref.is_protected is None else ref.is_protected,
                source_prop_id=ref.source or edge.source_prop_id,
                owner_id=ref.owner or edge.owner_id,
            )
