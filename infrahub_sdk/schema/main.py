"""Schema models: the write side (what schema files contain) and the read side (`GET /api/schema`)."""

from __future__ import annotations

from collections.abc import MutableMapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AttributeKind(StrEnum):
    ID = "ID"
    DROPDOWN = "Dropdown"
    TEXT = "Text"
    TEXTAREA = "TextArea"
    DATETIME = "DateTime"
    EMAIL = "Email"
    PASSWORD = "Password"
    HASHEDPASSWORD = "HashedPassword"
    URL = "URL"
    FILE = "File"
    MAC_ADDRESS = "MacAddress"
    COLOR = "Color"
    NUMBER = "Number"
    NUMBERPOOL = "NumberPool"
    BANDWIDTH = "Bandwidth"
    IPHOST = "IPHost"
    IPNETWORK = "IPNetwork"
    IPADDRESS = "IPAddress"
    BOOLEAN = "Boolean"
    CHECKBOX = "Checkbox"
    LIST = "List"
    JSON = "JSON"
    ANY = "Any"


class BranchSupportType(StrEnum):
    AWARE = "aware"
    AGNOSTIC = "agnostic"
    LOCAL = "local"


class RelationshipCardinality(StrEnum):
    ONE = "one"
    MANY = "many"


class RelationshipKind(StrEnum):
    GENERIC = "Generic"
    ATTRIBUTE = "Attribute"
    COMPONENT = "Component"
    PARENT = "Parent"
    GROUP = "Group"
    HIERARCHY = "Hierarchy"
    PROFILE = "Profile"
    TEMPLATE = "Template"


class RelationshipDirection(StrEnum):
    BIDIR = "bidirectional"
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class RelationshipDeleteBehavior(StrEnum):
    NO_ACTION = "no-action"
    CASCADE = "cascade"


class AllowOverrideType(StrEnum):
    NONE = "none"
    ANY = "any"


class SchemaState(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"


# Write side -----------------------------------------------------------------------------------


# The server's own limits on names, so that a schema file is refused before it is sent.
NAMESPACE_PATTERN = r"^[A-Z][a-z0-9]+$"
KIND_NAME_PATTERN = r"^[A-Z][a-zA-Z0-9]+$"
FIELD_NAME_PATTERN = r"^[a-z0-9_]+$"


class AttributeSchema(BaseModel):
    model_config = ConfigDict(use_enum_values=True, extra="ignore")

    name: str = Field(pattern=FIELD_NAME_PATTERN, min_length=3, max_length=32)
    kind: AttributeKind
    label: str | None = None
    description: str | None = None
    default_value: Any | None = None
    optional: bool = False
    unique: bool = False
    read_only: bool = False
    branch: BranchSupportType | None = None
    order_weight: int | None = None
    enum: list[str | int] | None = None
    choices: list[dict[str, Any]] | None = None
    regex: str | None = None
    max_length: int | None = None
    min_length: int | None = None
    parameters: dict[str, Any] | None = None
    state: SchemaState = SchemaState.PRESENT


class RelationshipSchema(BaseModel):
    model_config = ConfigDict(use_enum_values=True, extra="ignore")

    name: str = Field(pattern=FIELD_NAME_PATTERN, min_length=3, max_length=32)
    peer: str
    kind: RelationshipKind = RelationshipKind.GENERIC
    label: str | None = None
    description: str | None = None
    identifier: str | None = None
    cardinality: RelationshipCardinality = RelationshipCardinality.MANY
    min_count: int = 0
    max_count: int = 0
    optional: bool = True
    branch: BranchSupportType | None = None
    direction: RelationshipDirection = RelationshipDirection.BIDIR
    on_delete: RelationshipDeleteBehavior | None = None
    read_only: bool = False
    order_weight: int | None = None
    state: SchemaState = SchemaState.PRESENT


class _WriteNodeBase(BaseModel):
    model_config = ConfigDict(use_enum_values=True, extra="ignore")

    name: str = Field(pattern=KIND_NAME_PATTERN, max_length=32)
    namespace: str = Field(pattern=NAMESPACE_PATTERN, min_length=3, max_length=32)
    label: str | None = None
    description: str | None = None
    branch: BranchSupportType | None = None
    default_filter: str | None = None
    human_friendly_id: list[str] | None = None
    display_label: str | None = None
    display_labels: list[str] | None = None
    order_by: list[str] | None = None
    uniqueness_constraints: list[list[str]] | None = None
    include_in_menu: bool | None = None
    menu_placement: str | None = None
    icon: str | None = None
    documentation: str | None = None
    state: SchemaState = SchemaState.PRESENT
    attributes: list[AttributeSchema] = Field(default_factory=list)
    relationships: list[RelationshipSchema] = Field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.namespace + self.name


class NodeSchema(_WriteNodeBase):
    inherit_from: list[str] = Field(default_factory=list)
    generate_profile: bool | None = None
    generate_template: bool | None = None
    hierarchy: str | None = None
    parent: str | None = None
    children: str | None = None

    def convert_api(self) -> NodeSchemaAPI:
        return NodeSchemaAPI(**self.model_dump())


class GenericSchema(_WriteNodeBase):
    hierarchical: bool | None = None
    used_by: list[str] = Field(default_factory=list)

    def convert_api(self) -> GenericSchemaAPI:
        return GenericSchemaAPI(**self.model_dump())


class SchemaRoot(BaseModel):
    model_config = ConfigDict(use_enum_values=True)

    version: str
    generics: list[GenericSchema] = Field(default_factory=list)
    nodes: list[NodeSchema] = Field(default_factory=list)
    extensions: dict[str, Any] | None = None

    def to_schema_dict(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True, exclude_defaults=True)


# Read side ------------------------------------------------------------------------------------


class AttributeSchemaAPI(BaseModel):
    # Fields the SDK does not model are kept, so that an export loses nothing.
    model_config = ConfigDict(extra="allow")

    id: str | None = None
    name: str
    kind: str
    label: str | None = None
    description: str | None = None
    default_value: Any | None = None
    optional: bool = False
    unique: bool = False
    read_only: bool = False
    inherited: bool = False
    branch: BranchSupportType | None = None
    order_weight: int | None = None
    enum: list[Any] | None = None
    choices: list[dict[str, Any]] | None = None
    regex: str | None = None
    max_length: int | None = None
    min_length: int | None = None
    parameters: dict[str, Any] | None = None
    allow_override: AllowOverrideType = AllowOverrideType.ANY


class RelationshipSchemaAPI(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str | None = None
    name: str
    peer: str
    kind: RelationshipKind = RelationshipKind.GENERIC
    label: str | None = None
    description: str | None = None
    identifier: str | None = None
    cardinality: RelationshipCardinality = RelationshipCardinality.MANY
    min_count: int = 0
    max_count: int = 0
    optional: bool = True
    branch: BranchSupportType | None = None
    inherited: bool = False
    direction: RelationshipDirection = RelationshipDirection.BIDIR
    hierarchical: str | None = None
    on_delete: RelationshipDeleteBehavior | None = None
    read_only: bool = False
    order_weight: int | None = None
    allow_override: AllowOverrideType = AllowOverrideType.ANY

    @property
    def cardinality_is_one(self) -> bool:
        return self.cardinality == RelationshipCardinality.ONE

    @property
    def cardinality_is_many(self) -> bool:
        return self.cardinality == RelationshipCardinality.MANY


class _ReadNodeBase(BaseModel):
    # `kind` is computed from namespace and name: a `kind` key in the payload is kept aside, unused.
    model_config = ConfigDict(extra="allow")

    id: str | None = None
    name: str
    namespace: str
    label: str | None = None
    description: str | None = None
    branch: BranchSupportType | None = None
    default_filter: str | None = None
    human_friendly_id: list[str] | None = None
    display_label: str | None = None
    display_labels: list[str] | None = None
    order_by: list[str] | None = None
    uniqueness_constraints: list[list[str]] | None = None
    include_in_menu: bool | None = None
    menu_placement: str | None = None
    icon: str | None = None
    documentation: str | None = None
    hash: str | None = None
    attributes: list[AttributeSchemaAPI] = Field(default_factory=list)
    relationships: list[RelationshipSchemaAPI] = Field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.namespace + self.name

    def get_field(
        self, name: str, raise_on_error: bool = True
    ) -> AttributeSchemaAPI | RelationshipSchemaAPI | None:
        found = self.get_attribute_or_none(name) or self.get_relationship_or_none(name)
        if found is None and raise_on_error:
            raise ValueError(f"Unable to find the field {name}")
        return found

    def get_attribute(self, name: str) -> AttributeSchemaAPI:
        found = self.get_attribute_or_none(name)
        if found is None:
            raise ValueError(f"Unable to find the attribute {name}")
        return found

    def get_attribute_or_none(self, name: str) -> AttributeSchemaAPI | None:
        return next((item for item in self.attributes if item.name == name), None)

    def get_relationship(self, name: str) -> RelationshipSchemaAPI:
        found = self.get_relationship_or_none(name)
        if found is None:
            raise ValueError(f"Unable to find the relationship {name}")
        return found

    def get_relationship_or_none(self, name: str) -> RelationshipSchemaAPI | None:
        return next((item for item in self.relationships if item.name == name), None)

    def get_relationship_by_identifier(
        self, id: str, raise_on_error: bool = True
    ) -> RelationshipSchemaAPI | None:
        found = next((item for item in self.relationships if item.identifier == id), None)
        if found is None and raise_on_error:
            raise ValueError(f"Unable to find the relationship {id}")
        return found

    @property
    def attribute_names(self) -> list[str]:
        return [item.name for item in self.attributes]

    @property
    def relationship_names(self) -> list[str]:
        return [item.name for item in self.relationships]

    @property
    def mandatory_attribute_names(self) -> list[str]:
        return [
            a.name for a in self.attributes if not a.optional and a.default_value is None and not a.read_only
        ]

    @property
    def mandatory_relationship_names(self) -> list[str]:
        return [item.name for item in self.relationships if not item.optional]

    @property
    def mandatory_input_names(self) -> list[str]:
        return self.mandatory_attribute_names + self.mandatory_relationship_names

    @property
    def local_attributes(self) -> list[AttributeSchemaAPI]:
        return [item for item in self.attributes if not item.inherited]

    @property
    def local_relationships(self) -> list[RelationshipSchemaAPI]:
        return [item for item in self.relationships if not item.inherited]

    @property
    def unique_attributes(self) -> list[AttributeSchemaAPI]:
        return [item for item in self.attributes if item.unique]

    @property
    def supports_artifact_definition(self) -> bool:
        return self.kind == "CoreArtifactDefinition"

    @property
    def supports_artifacts(self) -> bool:
        return False

    @property
    def supports_file_object(self) -> bool:
        return False

    @property
    def supports_hierarchy(self) -> bool:
        return False

    @property
    def inherits(self) -> list[str]:
        """Generics this kind inherits from (empty for anything but nodes)."""
        return []


class NodeSchemaAPI(_ReadNodeBase):
    inherit_from: list[str] = Field(default_factory=list)
    generate_profile: bool | None = None
    generate_template: bool | None = None
    hierarchy: str | None = None
    parent: str | None = None
    children: str | None = None

    @property
    def supports_artifacts(self) -> bool:
        return "CoreArtifactTarget" in self.inherit_from

    @property
    def supports_file_object(self) -> bool:
        return "CoreFileObject" in self.inherit_from

    @property
    def supports_hierarchy(self) -> bool:
        return self.hierarchy is not None

    @property
    def inherits(self) -> list[str]:
        return self.inherit_from


class GenericSchemaAPI(_ReadNodeBase):
    hierarchical: bool | None = None
    used_by: list[str] = Field(default_factory=list)


class ProfileSchemaAPI(_ReadNodeBase):
    inherit_from: list[str] = Field(default_factory=list)


class TemplateSchemaAPI(_ReadNodeBase):
    inherit_from: list[str] = Field(default_factory=list)


MainSchemaTypesAPI = NodeSchemaAPI | GenericSchemaAPI | ProfileSchemaAPI | TemplateSchemaAPI


class SchemaRootAPI(BaseModel):
    main: str | None = None
    generics: list[GenericSchemaAPI] = Field(default_factory=list)
    nodes: list[NodeSchemaAPI] = Field(default_factory=list)
    profiles: list[ProfileSchemaAPI] = Field(default_factory=list)
    templates: list[TemplateSchemaAPI] = Field(default_factory=list)


class BranchSchema(BaseModel):
    """Every kind of one branch, keyed by kind, with the branch's schema hash."""

    hash: str
    nodes: MutableMapping[str, MainSchemaTypesAPI] = Field(default_factory=dict)

    @classmethod
    def from_api_response(cls, data: MutableMapping[str, Any]) -> BranchSchema:
        return cls.from_schema_root_api(SchemaRootAPI(**data))

    @classmethod
    def from_schema_root_api(cls, data: SchemaRootAPI) -> BranchSchema:
        nodes: dict[str, MainSchemaTypesAPI] = {}
        for group in (data.nodes, data.generics, data.profiles, data.templates):
            for item in group:
                nodes[item.kind] = item
        return cls(hash=data.main or "", nodes=nodes)


class SchemaLoadResponse(BaseModel):
    hash: str = ""
    previous_hash: str = ""
    errors: dict[str, Any] = Field(default_factory=dict)
    warnings: list[dict[str, Any]] = Field(default_factory=list)

    @property
    def schema_updated(self) -> bool:
        return bool(self.hash and self.previous_hash and self.hash != self.previous_hash)
