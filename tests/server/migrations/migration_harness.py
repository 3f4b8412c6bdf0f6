"""The façade migration tests use: schema files loaded per branch, nodes written through
NodeService, and a changed schema loaded through plan + apply in one change set."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from infrahub_server.migrations import MigrationPlan, apply_schema_migration, plan_schema_migration
from infrahub_server.nodes import NodeService, edge_side
from infrahub_server.schema import core_schema, load_schema_files
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Snapshot, Store

SITE: dict[str, Any] = {
    "name": "Site",
    "namespace": "Test",
    "attributes": [{"name": "name", "kind": "Text", "unique": True}],
    "relationships": [
        {"name": "devices", "peer": "TestDevice", "cardinality": "many", "identifier": "site__devices"}
    ],
}
DEVICE: dict[str, Any] = {
    "name": "Device",
    "namespace": "Test",
    "attributes": [
        {"name": "name", "kind": "Text"},
        {"name": "role", "kind": "Text", "optional": True},
        {"name": "asn", "kind": "Number", "optional": True},
        {"name": "code", "kind": "Text", "optional": True},
        {"name": "level", "kind": "Text", "optional": True, "enum": ["low", "mid", "high"]},
        {
            "name": "status",
            "kind": "Dropdown",
            "optional": True,
            "choices": [{"name": "active"}, {"name": "planned"}, {"name": "retired"}],
        },
    ],
    "relationships": [
        {
            "name": "site",
            "peer": "TestSite",
            "cardinality": "one",
            "optional": True,
            "identifier": "site__devices",
        },
        {"name": "tags", "peer": "BuiltinTag", "cardinality": "many", "optional": True},
    ],
}


def schema_file(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"version": "1.0", "nodes": list(nodes)}


def device_with(
    *, attributes: Sequence[dict[str, Any]] = (), relationships: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    """TestDevice re-declared with these attributes and relationships (added, changed or absent)."""
    return {**DEVICE, "attributes": list(attributes), "relationships": list(relationships)}


@lru_cache(maxsize=1)
def initial_schema() -> SchemaBranch:
    """The core kinds with TestSite and TestDevice; shared by every test, never changed in place."""
    return load_schema_files(core_schema(), [schema_file(SITE, DEVICE)]).schema


class Inventory:
    """A store whose branches carry the loaded schema; writes go through NodeService."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.initial = initial_schema()
        self.schemas: dict[str, SchemaBranch] = {"main": self.initial}

    def branch(self, name: str) -> None:
        self.store.create_branch(name)
        self.schemas[name] = self.schemas["main"]

    def create(self, kind: str, data: dict[str, Any], *, branch: str = "main") -> str:
        with self.store.change_set(branch, actor_id=None) as writer:
            return NodeService(self.schemas[branch], writer).create(kind, data)

    def device(self, name: str, *, branch: str = "main", **fields: Any) -> str:
        values: dict[str, Any] = {
            key: {"value": value} for key, value in fields.items() if key not in ("site", "tags")
        }
        if "site" in fields:
            values["site"] = {"id": fields["site"]}
        if "tags" in fields:
            values["tags"] = [{"id": tag} for tag in fields["tags"]]
        return self.create("TestDevice", {"name": {"value": name}, **values}, branch=branch)

    def load(self, *nodes: dict[str, Any], branch: str = "main", fresh: bool = False) -> MigrationPlan:
        """Load the schema files on `branch` (over the core kinds alone when `fresh`) and migrate."""
        current = self.schemas[branch]
        base = core_schema() if fresh else current
        new = load_schema_files(base, [schema_file(*copy.deepcopy(nodes))], branch_name=branch).schema
        with self.store.change_set(branch, actor_id=None, message="Update schema") as writer:
            plan = plan_schema_migration(current, new, writer)
            apply_schema_migration(plan, writer)
        self.schemas[branch] = new
        return plan

    def values(self, node_id: str, *, branch: str = "main") -> dict[str, Any]:
        with self.store.reader(Snapshot(branch)) as reader:
            node = reader.get_nodes([node_id])[node_id]
        return {name: record.value for name, record in node.attributes.items()}

    def is_default(self, node_id: str, name: str, *, branch: str = "main") -> bool:
        with self.store.reader(Snapshot(branch)) as reader:
            return reader.get_nodes([node_id], [name])[node_id].attributes[name].is_default

    def peers(
        self, node_id: str, relationship: str, *, branch: str = "main", kind: str = "TestDevice"
    ) -> set[str]:
        rel = self.initial.get(kind).get_relationship(relationship)
        assert rel is not None
        assert rel.identifier is not None
        with self.store.reader(Snapshot(branch)) as reader:
            edges = reader.get_edges(rel.identifier, [node_id], edge_side(rel)).get(node_id, [])
        return {edge.destination_id if edge.source_id == node_id else edge.source_id for edge in edges}
