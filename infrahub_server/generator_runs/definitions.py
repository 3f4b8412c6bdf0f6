"""Generator and check definitions as a run needs them: the user class, its query, its repository,
its targets and the query variables of each target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infrahub_server.artifacts.definitions import group_members, target_variables
from infrahub_server.automation.lookup import attribute_value, find_named_node, peer_id
from infrahub_server.nodes.identity import load_identities
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import NodeRecord, Reader

GENERATOR_DEFINITION_KIND = "CoreGeneratorDefinition"
CHECK_DEFINITION_KIND = "CoreCheckDefinition"


@dataclass(frozen=True, slots=True)
class UserCodeDefinition:
    """A generator or check definition: run `class_name` of `file_path` per target (or once)."""

    id: str
    kind: str
    name: str
    file_path: str
    class_name: str
    repository_id: str
    query_name: str | None
    targets_group_id: str | None
    parameters: dict[str, str]
    convert_query_response: bool
    execute_after_merge: bool
    timeout: float | None


def _query_name(reader: Reader, schema: SchemaBranch, record: NodeRecord) -> str | None:
    query_id = peer_id(reader, schema, record, "query")
    if query_id is None:
        return None
    query = reader.get_nodes([query_id], ["name"]).get(query_id)
    return None if query is None else str(attribute_value(query, "name"))


def read_user_code_definition(
    reader: Reader, schema: SchemaBranch, kind: str, name_or_id: str
) -> UserCodeDefinition:
    record = find_named_node(reader, schema, kind, name_or_id)
    parameters = attribute_value(record, "parameters")
    timeout = attribute_value(record, "timeout")
    return UserCodeDefinition(
        id=record.id,
        kind=record.kind,
        name=str(attribute_value(record, "name")),
        file_path=str(attribute_value(record, "file_path")),
        class_name=str(attribute_value(record, "class_name")),
        repository_id=peer_id(reader, schema, record, "repository") or "",
        query_name=_query_name(reader, schema, record),
        targets_group_id=peer_id(reader, schema, record, "targets"),
        parameters={str(k): str(v) for k, v in parameters.items()} if isinstance(parameters, dict) else {},
        convert_query_response=bool(attribute_value(record, "convert_query_response")),
        execute_after_merge=attribute_value(record, "execute_after_merge") is not False,
        timeout=float(timeout) if isinstance(timeout, int | float) else None,
    )


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    label: str
    variables: dict[str, Any]


def read_targets(
    reader: Reader, schema: SchemaBranch, definition: UserCodeDefinition, nodes: list[str] | None
) -> list[Target]:
    """The members of the definition's targets group (those among `nodes` when given), with their
    display labels and query variables."""
    members = group_members(reader, schema, definition.targets_group_id)
    if nodes:
        wanted = set(nodes)
        members = [member for member in members if member in wanted]
    variables = target_variables(reader, schema, definition.parameters, members)
    identities = load_identities(schema, reader, list(reader.get_nodes(members).values()))
    return [
        Target(member, identities[member].display_label or member, variables[member])
        for member in members
        if member in variables and member in identities
    ]
