"""A store with a small IPAM schema, written through the IPAM-aware node service."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any, TypeVar

from infrahub_server.ipam import ipam_node_service, prepare_ipam
from infrahub_server.nodes import NodeService, edge_side, peer_of
from infrahub_server.schema import core_schema, load_schema_files
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Snapshot, Store

T = TypeVar("T")

SCHEMA_FILE: dict[str, Any] = {
    "version": "1.0",
    "nodes": [
        {"name": "IPPrefix", "namespace": "Ipam", "inherit_from": ["BuiltinIPPrefix"]},
        {"name": "IPAddress", "namespace": "Ipam", "inherit_from": ["BuiltinIPAddress"]},
        {
            "name": "Device",
            "namespace": "Test",
            "human_friendly_id": ["name__value"],
            "attributes": [
                {"name": "name", "kind": "Text", "unique": True},
                {"name": "asn", "kind": "Number", "optional": True},
                {
                    "name": "vlan",
                    "kind": "NumberPool",
                    "optional": True,
                    "parameters": {"start_range": 100, "end_range": 102},
                },
            ],
            "relationships": [
                {"name": "loopback", "peer": "IpamIPAddress", "cardinality": "one", "optional": True},
                {"name": "uplink", "peer": "IpamIPPrefix", "cardinality": "one", "optional": True},
            ],
        },
    ],
}


def ipam_schema() -> SchemaBranch:
    return load_schema_files(core_schema(), [SCHEMA_FILE]).schema


class Ipam:
    def __init__(self, store: Store, schema: SchemaBranch) -> None:
        self.store = store
        self.schema = schema
        # SQLite runs one writer at a time and its busy wait is not fair: with eight threads writing
        # for a minute, one can starve past the busy timeout. Threads of one process queue here
        # instead, as a server's worker threads would; PostgreSQL writers run concurrently.
        self._sqlite_writers = threading.Lock() if store.dialect == "sqlite" else None
        prepare_ipam(store)

    @contextmanager
    def _turn(self) -> Iterator[None]:
        with self._sqlite_writers or nullcontext():
            yield

    def run(self, operation: Callable[[NodeService], T], branch: str = "main") -> T:
        with self._turn(), self.store.change_set(branch, actor_id=None) as writer:
            return operation(ipam_node_service(self.schema, writer))

    def create(self, kind: str, data: dict[str, Any], branch: str = "main") -> str:
        return self.run(lambda service: service.create(kind, data), branch)

    def update(self, kind: str, data: dict[str, Any], branch: str = "main") -> str:
        return self.run(lambda service: service.update(kind, data), branch)

    def delete(self, kind: str, node_id: str, branch: str = "main") -> list[str]:
        return self.run(lambda service: service.delete(kind, {"id": node_id}), branch)

    def prefix(self, text: str, branch: str = "main", **fields: Any) -> str:
        return self.create("IpamIPPrefix", {"prefix": {"value": text}, **fields}, branch)

    def address(self, text: str, branch: str = "main") -> str:
        return self.create("IpamIPAddress", {"address": {"value": text}}, branch)

    def peer(self, kind: str, node_id: str, name: str, branch: str = "main") -> str | None:
        rel = self.schema.get(kind).get_relationship(name)
        assert rel is not None
        assert rel.identifier is not None
        with self.store.reader(Snapshot(branch)) as reader:
            edges = reader.get_edges(rel.identifier, [node_id], edge_side(rel)).get(node_id, [])
        peers = [peer_of(edge, node_id) for edge in edges]
        assert len(peers) <= 1
        return peers[0] if peers else None

    def parent(self, prefix_id: str, branch: str = "main") -> str | None:
        return self.peer("IpamIPPrefix", prefix_id, "parent", branch)

    def ip_prefix(self, address_id: str, branch: str = "main") -> str | None:
        return self.peer("IpamIPAddress", address_id, "ip_prefix", branch)

    def value(self, node_id: str, name: str, branch: str = "main") -> Any:
        with self.store.reader(Snapshot(branch)) as reader:
            return reader.get_nodes([node_id])[node_id].attributes[name].value
