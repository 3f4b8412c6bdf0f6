"""Writing `CoreArtifact` nodes in bulk, straight through the change set's writer.

A generation pass writes up to one artefact per target (10,000 for a large fabric). The values are
the server's own (name, status, checksum, storage id, content type, parameters) and the two peers
are known to exist, so the node service's per-node lookups and checks would only cost time; values
are still checked against the schema (`new_attribute_records`, `check_value`) and the edges written
the way the node service writes them.
"""

from __future__ import annotations

from typing import Any

from infrahub_server.artifacts.definitions import ARTIFACT_KIND
from infrahub_server.nodes.attributes import new_attribute_records
from infrahub_server.nodes.edges import edge_ends, edge_scope
from infrahub_server.nodes.inputs import AttributeInput
from infrahub_server.nodes.values import check_value
from infrahub_server.schema.models import KindSchema, RelationshipSchema, SchemaBranch
from infrahub_server.store import AttributeRecord, Writer


class ArtifactRecords:
    def __init__(self, schema: SchemaBranch, writer: Writer) -> None:
        self.schema: KindSchema = schema.get(ARTIFACT_KIND)
        self.writer = writer
        self._object = self._relationship("object")
        self._definition = self._relationship("definition")

    def _relationship(self, name: str) -> RelationshipSchema:
        rel = self.schema.get_relationship(name)
        if rel is None or rel.identifier is None:
            raise LookupError(f"{ARTIFACT_KIND} has no relationship {name!r}")
        return rel

    def create(self, target_id: str, definition_id: str, values: dict[str, Any]) -> str:
        records = new_attribute_records(
            self.schema, {name: AttributeInput(value=v) for name, v in values.items()}
        )
        artifact_id = self.writer.create_node(ARTIFACT_KIND, scope=self.schema.branch, attributes=records)
        for rel, peer in ((self._object, target_id), (self._definition, definition_id)):
            assert rel.identifier is not None
            source, destination = edge_ends(rel, artifact_id, peer)
            self.writer.add_edge(rel.identifier, source, destination, scope=edge_scope(rel, self.schema))
        return artifact_id

    def update(self, artifact_id: str, values: dict[str, Any]) -> None:
        records = {}
        for name, value in values.items():
            attr = self.schema.get_attribute(name)
            assert attr is not None
            records[name] = AttributeRecord(value=check_value(ARTIFACT_KIND, attr, value))
        self.writer.set_attributes(artifact_id, records)
