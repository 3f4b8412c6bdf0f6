"""Object files (`kind: Object`): nodes of one kind, with nested children and references, loaded
with upserts so a file can be loaded again without change.

A relationship value is read as one of these shapes (`RelationshipDataFormat`):
- a reference: an id, a one-part human-friendly ID (`"ams1"`), a list HFID (`["leaf1", "eth1"]`),
  or for cardinality many a list of those;
- a nested object `{kind?, data: {...}}` (cardinality one), or a list of them;
- nested objects `{kind?, data: [{...}, ...], parameters?}` (cardinality many).
Nested objects whose peer points back to the parent with a cardinality-one relationship (a component
and its parent) are created after the parent with that back-reference filled; the others are created
first and then referenced.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from infrahub_sdk.exceptions import ObjectValidationError, ValidationError
from infrahub_sdk.schema.main import GenericSchemaAPI, RelationshipSchemaAPI
from infrahub_sdk.utils import is_valid_uuid
from infrahub_sdk.yaml import InfrahubFile, InfrahubFileKind

from .range_expansion import expand_data_with_ranges

if TYPE_CHECKING:
    from infrahub_sdk._async.client import InfrahubClient
    from infrahub_sdk._async.node import InfrahubNode
    from infrahub_sdk.schema import MainSchemaTypesAPI

Position = list[int | str]


class RelationshipDataFormat(StrEnum):
    UNKNOWN = "unknown"
    ONE_REF = "one_ref"
    ONE_OBJ = "one_obj"
    MANY_OBJ_DICT_LIST = "many_obj_dict_list"
    MANY_OBJ_LIST_DICT = "many_obj_list_dict"
    MANY_REF = "many_ref_list"


class InfrahubObjectParameters(BaseModel):
    expand_range: bool = False


def relationship_data_format(schema: RelationshipSchemaAPI, value: Any) -> RelationshipDataFormat:
    nested = isinstance(value, dict) and "data" in value
    if schema.cardinality_is_one:
        if nested:
            return RelationshipDataFormat.ONE_OBJ
        return (
            RelationshipDataFormat.ONE_REF
            if isinstance(value, str | list | dict)
            else RelationshipDataFormat.UNKNOWN
        )
    if nested and isinstance(value["data"], list):
        return RelationshipDataFormat.MANY_OBJ_DICT_LIST
    if isinstance(value, list):
        if value and all(isinstance(item, dict) and "data" in item for item in value):
            return RelationshipDataFormat.MANY_OBJ_LIST_DICT
        if all(_is_reference(item) for item in value):
            return RelationshipDataFormat.MANY_REF
    return RelationshipDataFormat.UNKNOWN


def _is_reference(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(part, str) for part in value)
    )


class RelationshipInfo(BaseModel):
    """What an object file gives under one relationship: its shape, and why it cannot be loaded."""

    name: str
    peer_kind: str
    format: RelationshipDataFormat = RelationshipDataFormat.UNKNOWN
    reason_relationship_not_valid: str | None = None
    peer_human_friendly_id: list[str] | None = None

    @property
    def is_valid(self) -> bool:
        return self.reason_relationship_not_valid is None

    @property
    def is_reference(self) -> bool:
        return self.format in (RelationshipDataFormat.ONE_REF, RelationshipDataFormat.MANY_REF)


async def get_relationship_info(
    client: InfrahubClient, schema: MainSchemaTypesAPI, name: str, value: Any, branch: str | None = None
) -> RelationshipInfo:
    """The shape of `value` given for the relationship `name` of `schema`, checked against its cardinality."""
    relationship = schema.get_relationship(name)
    peer_kind = value["kind"] if isinstance(value, dict) and "kind" in value else relationship.peer
    info = RelationshipInfo(name=name, peer_kind=peer_kind)
    if isinstance(value, dict) and "data" not in value:
        info.reason_relationship_not_valid = f"Relationship {name} must be a dict with 'data'"
        return info
    peer = await client.schema.get(kind=peer_kind, branch=branch)
    info.peer_human_friendly_id = peer.human_friendly_id
    info.format = relationship_data_format(relationship, value)
    if info.format == RelationshipDataFormat.UNKNOWN:
        info.reason_relationship_not_valid = f"Relationship {name} of cardinality {relationship.cardinality} expects references or objects under 'data'"
    return info


def normalize_hfid_reference(value: Any) -> Any:
    """An id stays an id; any other string is a one-part human-friendly ID."""
    if isinstance(value, str) and not is_valid_uuid(value):
        return [value]
    return value


class NestedObjects(BaseModel):
    """The objects given under one relationship, whatever the shape they were written in."""

    kind: str
    items: list[dict[str, Any]]
    back_reference: str | None = None


class InfrahubObjectFileData(BaseModel):
    kind: str
    parameters: InfrahubObjectParameters = Field(default_factory=InfrahubObjectParameters)
    data: list[dict[str, Any]] = Field(default_factory=list)

    def expanded_data(self) -> list[dict[str, Any]]:
        return expand_data_with_ranges(self.data) if self.parameters.expand_range else self.data

    async def validate_format(
        self, client: InfrahubClient, branch: str | None = None
    ) -> list[ObjectValidationError]:
        """Every problem of the file's shape against the schema; an empty list when it can be loaded."""
        schema = await client.schema.get(kind=self.kind, branch=branch)
        try:
            self.data = self.expanded_data()
        except ValueError as exc:
            raise ValidationError(identifier=self.kind, message=str(exc)) from exc
        errors: list[ObjectValidationError] = []
        for index, item in enumerate(self.data):
            errors.extend(await validate_object(client, schema, item, [index + 1], branch, set()))
        return errors

    @staticmethod
    async def validate_object(
        client: InfrahubClient,
        position: Position,
        schema: MainSchemaTypesAPI,
        data: dict[str, Any],
        branch: str | None = None,
    ) -> list[ObjectValidationError]:
        """Every problem of one object of the file (and of its nested objects)."""
        return await validate_object(client, schema, data, position, branch, set())

    async def process(self, client: InfrahubClient, branch: str | None = None) -> list[InfrahubNode]:
        """Upsert every object of the file, in order; raises `ObjectValidationError` on the first problem."""
        schema = await client.schema.get(kind=self.kind, branch=branch)
        return [
            await create_node(client, schema, item, [index + 1], branch)
            for index, item in enumerate(self.expanded_data())
        ]


async def nested_objects(
    client: InfrahubClient,
    relationship: RelationshipSchemaAPI,
    value: Any,
    position: Position,
    branch: str | None,
) -> NestedObjects:
    data_format = relationship_data_format(relationship, value)
    if data_format == RelationshipDataFormat.MANY_OBJ_LIST_DICT:
        entries = [(entry.get("kind"), [entry["data"]]) for entry in value]
    elif data_format == RelationshipDataFormat.MANY_OBJ_DICT_LIST:
        data = value["data"]
        if InfrahubObjectParameters(**value.get("parameters", {})).expand_range:
            data = expand_data_with_ranges(data)
        entries = [(value.get("kind"), data)]
    else:
        entries = [(value.get("kind"), [value["data"]])]
    kinds = {kind or relationship.peer for kind, _ in entries}
    if len(kinds) > 1:
        raise ObjectValidationError(position, f"nested objects of {relationship.name} must share one kind")
    kind = kinds.pop()
    peer = await client.schema.get(kind=kind, branch=branch)
    if isinstance(peer, GenericSchemaAPI):
        raise ObjectValidationError(position, f"{kind} is a generic: give the kind of the nested objects")
    back = next(
        (
            rel
            for rel in peer.relationships
            if rel.identifier == relationship.identifier
            and rel.cardinality_is_one
            and rel.name != relationship.name
        ),
        None,
    )
    items = [item for _, group in entries for item in group]
    return NestedObjects(kind=kind, items=items, back_reference=back.name if back else None)


async def validate_object(
    client: InfrahubClient,
    schema: MainSchemaTypesAPI,
    data: dict[str, Any],
    position: Position,
    branch: str | None,
    provided: set[str],
) -> list[ObjectValidationError]:
    errors: list[ObjectValidationError] = []
    from_template = "object_template" in data or "object_profile" in data
    for name in [] if from_template else schema.mandatory_input_names:
        if name not in data and name not in provided:
            errors.append(ObjectValidationError([*position, name], f"{name} is mandatory"))
    for key, value in data.items():
        relationship = schema.get_relationship_or_none(key)
        if relationship is None:
            if schema.get_attribute_or_none(key) is None:
                errors.append(
                    ObjectValidationError(
                        [*position, key], f"{key} is not a valid attribute or relationship for {schema.kind}"
                    )
                )
            continue
        data_format = relationship_data_format(relationship, value)
        if data_format == RelationshipDataFormat.UNKNOWN:
            errors.append(
                ObjectValidationError([*position, key], f"unsupported value for relationship {key}")
            )
        elif data_format not in (RelationshipDataFormat.ONE_REF, RelationshipDataFormat.MANY_REF):
            try:
                nested = await nested_objects(client, relationship, value, [*position, key], branch)
            except ObjectValidationError as exc:
                errors.append(exc)
                continue
            peer = await client.schema.get(kind=nested.kind, branch=branch)
            given = {nested.back_reference} if nested.back_reference else set()
            for index, item in enumerate(nested.items):
                errors.extend(
                    await validate_object(client, peer, item, [*position, key, index + 1], branch, given)
                )
    return errors


async def create_node(
    client: InfrahubClient,
    schema: MainSchemaTypesAPI,
    data: dict[str, Any],
    position: Position,
    branch: str | None,
    context: dict[str, Any] | None = None,
) -> InfrahubNode:
    """Upsert one object: nested objects without a back-reference first, then the object, then its children."""
    errors = await validate_object(client, schema, data, position, branch, set(context or {}))
    if errors:
        raise errors[0]
    clean: dict[str, Any] = dict(context or {})
    children: list[tuple[str, NestedObjects]] = []
    for key, value in data.items():
        relationship = schema.get_relationship_or_none(key)
        if relationship is None:
            clean[key] = value
            continue
        data_format = relationship_data_format(relationship, value)
        if data_format == RelationshipDataFormat.ONE_REF:
            clean[key] = normalize_hfid_reference(value)
        elif data_format == RelationshipDataFormat.MANY_REF:
            clean[key] = [normalize_hfid_reference(item) for item in value]
        else:
            nested = await nested_objects(client, relationship, value, [*position, key], branch)
            if nested.back_reference:
                children.append((key, nested))
                continue
            peer = await client.schema.get(kind=nested.kind, branch=branch)
            nodes = [
                await create_node(client, peer, item, [*position, key, index + 1], branch)
                for index, item in enumerate(nested.items)
            ]
            clean[key] = nodes[0] if relationship.cardinality_is_one else nodes
    node = await client.create(kind=schema.kind, branch=branch, data=clean)
    await node.save(allow_upsert=True)
    for key, nested in children:
        peer = await client.schema.get(kind=nested.kind, branch=branch)
        for index, item in enumerate(nested.items):
            await create_node(
                client, peer, item, [*position, key, index + 1], branch, {str(nested.back_reference): node.id}
            )
    return node


class ObjectFile(InfrahubFile):
    """One document of an object file."""

    _spec: InfrahubObjectFileData | None = None

    @property
    def spec(self) -> InfrahubObjectFileData:
        if self._spec is None:
            self._spec = self._parse_spec()
        return self._spec

    def _parse_spec(self) -> InfrahubObjectFileData:
        try:
            return InfrahubObjectFileData(**self.data.spec)
        except Exception as exc:
            raise ValidationError(identifier=str(self.location), message=str(exc)) from exc

    def validate_content(self) -> None:
        super().validate_content()
        if self.kind != InfrahubFileKind.OBJECT:
            raise ValueError("File is not an Infrahub Object file")
        self._spec = self._parse_spec()

    async def validate_format(self, client: InfrahubClient, branch: str | None = None) -> None:
        """Raise `ValidationError` listing every problem of the document, if any."""
        self.validate_content()
        errors = await self.spec.validate_format(client=client, branch=branch)
        if errors:
            raise ValidationError(identifier=str(self.location), messages=[str(error) for error in errors])

    async def process(self, client: InfrahubClient, branch: str | None = None) -> None:
        await self.spec.process(client=client, branch=branch)
