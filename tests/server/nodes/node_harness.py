"""The façade node tests write and read through: NodeService in one change set per call, a Reader
for reading back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from infrahub_server.nodes import NodeService, edge_side, kind_matches, peer_of
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import NodeRecord, Snapshot, Store

T = TypeVar("T")


class Network:
    """Writes through NodeService in one change set per call; reads back through a Reader."""

    def __init__(self, store: Store, schema: SchemaBranch) -> None:
        self.store = store
        self.schema = schema

    def run(self, operation: Callable[[NodeService], T]) -> T:
        with self.store.change_set("main", actor_id=None) as writer:
            return operation(NodeService(self.schema, writer))

    def create(self, kind: str, data: dict[str, Any]) -> str:
        return self.run(lambda service: service.create(kind, data))

    def update(self, kind: str, data: dict[str, Any]) -> str:
        return self.run(lambda service: service.update(kind, data))

    def upsert(self, kind: str, data: dict[str, Any]) -> tuple[str, bool]:
        return self.run(lambda service: service.upsert(kind, data))

    def delete(self, kind: str, data: dict[str, Any]) -> list[str]:
        return self.run(lambda service: service.delete(kind, data))

    def node(self, node_id: str) -> NodeRecord | None:
        with self.store.reader(Snapshot("main")) as reader:
            return reader.get_nodes([node_id]).get(node_id)

    def values(self, node_id: str) -> dict[str, Any]:
        node = self.node(node_id)
        assert node is not None, f"{node_id} does not exist"
        return {name: record.value for name, record in node.attributes.items()}

    def peers(self, kind: str, node_id: str, relationship: str) -> set[str]:
        rel = self.schema.get(kind).get_relationship(relationship)
        assert rel is not None
        assert rel.identifier is not None
        with self.store.reader(Snapshot("main")) as reader:
            edges = reader.get_edges(rel.identifier, [node_id], edge_side(rel)).get(node_id, [])
            peers = {peer_of(edge, node_id) for edge in edges}
            kinds = reader.kinds_of(list(peers))
        return {peer for peer in peers if peer in kinds and kind_matches(self.schema, kinds[peer], rel.peer)}

    def ids(self, kind: str) -> list[str]:
        with self.store.reader(Snapshot("main")) as reader:
            return reader.find_node_ids([kind])

    def with_kind_changes(self, kind: str, **fields: Any) -> Network:
        """The same store seen through a schema where `kind` has `fields` changed."""
        nodes = {**self.schema.nodes, kind: self.schema.nodes[kind].model_copy(update=fields)}
        return Network(self.store, self.schema.model_copy(update={"nodes": nodes}))
