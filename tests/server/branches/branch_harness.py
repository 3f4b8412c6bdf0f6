"""Writes through NodeService on any branch, one change set per call, and reads back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from infrahub_server.nodes import NodeService, edge_side, peer_of
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Snapshot, Store


class Lab:
    def __init__(self, store: Store, schema: SchemaBranch) -> None:
        self.store = store
        self.schema = schema

    def create(self, kind: str, data: dict[str, Any], branch: str = "main") -> str:
        with self.store.change_set(branch, actor_id="tester") as writer:
            return NodeService(self.schema, writer).create(kind, data)

    def update(self, kind: str, data: dict[str, Any], branch: str = "main") -> str:
        with self.store.change_set(branch, actor_id="tester") as writer:
            return NodeService(self.schema, writer).update(kind, data)

    def delete(self, kind: str, node_id: str, branch: str = "main") -> None:
        with self.store.change_set(branch, actor_id="tester") as writer:
            NodeService(self.schema, writer).delete(kind, {"id": node_id})

    def values(self, node_id: str, branch: str = "main", at: datetime | None = None) -> dict[str, Any] | None:
        with self.store.reader(Snapshot(branch, at)) as reader:
            node = reader.get_nodes([node_id]).get(node_id)
        return None if node is None else {name: record.value for name, record in node.attributes.items()}

    def names(self, kind: str, branch: str = "main", at: datetime | None = None) -> set[str]:
        with self.store.reader(Snapshot(branch, at)) as reader:
            ids = reader.find_node_ids([kind])
            nodes = reader.get_nodes(ids, ["name"])
        return {node.attributes["name"].value for node in nodes.values()}

    def names_to_ids(self, kind: str, branch: str = "main") -> dict[str, str]:
        with self.store.reader(Snapshot(branch)) as reader:
            nodes = reader.get_nodes(reader.find_node_ids([kind]), ["name"])
        return {node.attributes["name"].value: node.id for node in nodes.values()}

    def peers(self, kind: str, node_id: str, relationship: str, branch: str = "main") -> set[str]:
        rel = self.schema.get(kind).get_relationship(relationship)
        assert rel is not None
        assert rel.identifier is not None
        with self.store.reader(Snapshot(branch)) as reader:
            edges = reader.get_edges(rel.identifier, [node_id], edge_side(rel)).get(node_id, [])
        return {peer_of(edge, node_id) for edge in edges}
