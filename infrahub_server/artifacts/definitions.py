"""What generating the artefacts of one `CoreArtifactDefinition` needs, read from the store: the
definition, its transformation (Jinja2 or Python) with the stored query, the targets group's
members and the query variables of each target (`parameters` paths such as `name__value`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infrahub_server.automation.lookup import attribute_value, find_named_node, peer_id
from infrahub_server.nodes.edges import edge_side, peer_of
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import NodeRecord, Reader

DEFINITION_KIND = "CoreArtifactDefinition"
ARTIFACT_KIND = "CoreArtifact"
MEMBER_EDGE = "group_member"
TARGET_EDGE = "artifact__node"
DEFINITION_EDGE = "artifact__artifact_definition"
JINJA2_KIND = "CoreTransformJinja2"
PYTHON_KIND = "CoreTransformPython"


@dataclass(frozen=True, slots=True)
class Transformation:
    id: str
    kind: str
    name: str
    query_id: str
    repository_id: str
    template_path: str | None = None
    file_path: str | None = None
    class_name: str | None = None
    convert_query_response: bool = False
    timeout: float = 60.0


@dataclass(frozen=True, slots=True)
class ArtifactDefinition:
    id: str
    name: str
    artifact_name: str
    content_type: str
    parameters: dict[str, str]
    targets_group_id: str | None
    transformation: Transformation


def _text(record: NodeRecord, name: str) -> str | None:
    value = attribute_value(record, name)
    return None if value is None else str(value)


def read_transformation(reader: Reader, schema: SchemaBranch, transformation_id: str) -> Transformation:
    record = find_named_node(reader, schema, "CoreTransformation", transformation_id)
    timeout = attribute_value(record, "timeout")
    return Transformation(
        id=record.id,
        kind=record.kind,
        name=str(attribute_value(record, "name")),
        query_id=peer_id(reader, schema, record, "query") or "",
        repository_id=peer_id(reader, schema, record, "repository") or "",
        template_path=_text(record, "template_path"),
        file_path=_text(record, "file_path"),
        class_name=_text(record, "class_name"),
        convert_query_response=bool(attribute_value(record, "convert_query_response")),
        timeout=float(timeout) if isinstance(timeout, int | float) else 60.0,
    )


def read_definition(reader: Reader, schema: SchemaBranch, name_or_id: str) -> ArtifactDefinition:
    """The definition named `name_or_id` (or with that id); NodeNotFoundError otherwise."""
    record = find_named_node(reader, schema, DEFINITION_KIND, name_or_id)
    transformation_id = peer_id(reader, schema, record, "transformation")
    parameters = attribute_value(record, "parameters")
    return ArtifactDefinition(
        id=record.id,
        name=str(attribute_value(record, "name")),
        artifact_name=str(attribute_value(record, "artifact_name") or attribute_value(record, "name")),
        content_type=str(attribute_value(record, "content_type") or "text/plain"),
        parameters={str(k): str(v) for k, v in parameters.items()} if isinstance(parameters, dict) else {},
        targets_group_id=peer_id(reader, schema, record, "targets"),
        transformation=read_transformation(reader, schema, transformation_id or ""),
    )


def peers(
    reader: Reader, schema: SchemaBranch, kind: str, relationship: str, node_ids: list[str]
) -> dict[str, list[str]]:
    """The peers over `relationship` of each node of `kind` among `node_ids` (one query)."""
    rel = schema.get(kind).get_relationship(relationship)
    if rel is None or rel.identifier is None or not node_ids:
        return {}
    edges = reader.get_edges(rel.identifier, node_ids, edge_side(rel))
    return {node_id: [peer_of(edge, node_id) for edge in found] for node_id, found in edges.items()}


def edge_peers(reader: Reader, identifier: str, node_ids: list[str]) -> dict[str, list[str]]:
    """The far ends of the `identifier` edges of each of `node_ids`, whichever side it is on."""
    if not node_ids:
        return {}
    edges = reader.get_edges(identifier, node_ids, "either")
    return {node_id: [peer_of(edge, node_id) for edge in found] for node_id, found in edges.items()}


def group_members(reader: Reader, schema: SchemaBranch, group_id: str | None) -> list[str]:
    if group_id is None:
        return []
    kind = reader.kinds_of([group_id]).get(group_id)
    if kind is None:
        return []
    return sorted(peers(reader, schema, kind, "members", [group_id]).get(group_id, []))


def target_variables(
    reader: Reader, schema: SchemaBranch, parameters: dict[str, str], target_ids: list[str]
) -> dict[str, dict[str, Any]]:
    """The query variables of each target: `{variable: path}` resolved on the target, where a path
    is `<attribute>__value` or `<relationship>__<attribute>__value` (one hop, cardinality one)."""
    targets = reader.get_nodes(target_ids)
    variables: dict[str, dict[str, Any]] = {target_id: {} for target_id in targets}
    for name, path in parameters.items():
        parts = path.split("__")
        for target_id, record in targets.items():
            variables[target_id][name] = _resolve(reader, schema, record, parts)
    return variables


def _resolve(reader: Reader, schema: SchemaBranch, record: NodeRecord, parts: list[str]) -> Any:
    head = parts[0]
    if head in record.attributes or schema.get(record.kind).get_attribute(head) is not None:
        return attribute_value(record, head)
    peer = peer_id(reader, schema, record, head)
    if peer is None or len(parts) < 2:
        return None
    found = reader.get_nodes([peer]).get(peer)
    return None if found is None else _resolve(reader, schema, found, parts[1:])
