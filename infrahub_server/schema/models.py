"""The processed schema: what `GET /api/schema` returns, one model per item type.

Field names are the wire names, so `model_dump(mode="json")` of a processed item is the item as
Infrahub serves it. Every field is always present on the wire (`None` when unset).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

BranchSupport = Literal["aware", "agnostic", "local"]
SchemaState = Literal["present", "absent"]


class _Element(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class DropdownChoice(_Element):
    name: str
    label: str | None = None
    description: str | None = None
    color: str | None = None


class AttributeSchema(_Element):
    id: str | None = None
    name: str
    kind: str
    label: str | None = None
    description: str | None = None
    optional: bool = False
    unique: bool = False
    read_only: bool = False
    default_value: Any = None
    enum: list[Any] | None = None
    choices: list[DropdownChoice] | None = None
    regex: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    parameters: dict[str, Any] | None = None
    order_weight: int | None = None
    ordered: bool = True
    inherited: bool = False
    branch: BranchSupport | None = None
    allow_override: Literal["any", "none"] = "any"
    state: SchemaState = "present"
    display: str = "default"
    computed_attribute: dict[str, Any] | None = None
    deprecation: str | None = None


class RelationshipSchema(_Element):
    id: str | None = None
    name: str
    peer: str
    kind: str = "Generic"
    label: str | None = None
    description: str | None = None
    identifier: str | None = None
    cardinality: Literal["one", "many"] = "many"
    min_count: int = 0
    max_count: int = 0
    optional: bool = True
    direction: Literal["bidirectional", "outbound", "inbound"] = "bidirectional"
    hierarchical: str | None = None
    on_delete: Literal["cascade", "no-action"] | None = None
    common_parent: str | None = None
    common_relatives: list[str] | None = None
    read_only: bool = False
    inherited: bool = False
    branch: BranchSupport | None = None
    order_weight: int | None = None
    allow_override: Literal["any", "none"] = "any"
    state: SchemaState = "present"
    display: str = "default"
    deprecation: str | None = None


class _KindSchema(_Element):
    id: str | None = None
    name: str
    namespace: str
    kind: str = ""
    label: str | None = None
    description: str | None = None
    icon: str | None = None
    documentation: str | None = None
    include_in_menu: bool | None = None
    menu_placement: str | None = None
    branch: BranchSupport = "aware"
    default_filter: str | None = None
    human_friendly_id: list[str] | None = None
    display_label: str | None = None
    display_labels: list[str] | None = None
    order_by: list[str] | None = None
    uniqueness_constraints: list[list[str]] | None = None
    state: SchemaState = "present"
    hash: str | None = None
    attributes: list[AttributeSchema] = Field(default_factory=list)
    relationships: list[RelationshipSchema] = Field(default_factory=list)

    def get_attribute(self, name: str) -> AttributeSchema | None:
        return next((attr for attr in self.attributes if attr.name == name), None)

    def get_relationship(self, name: str) -> RelationshipSchema | None:
        return next((rel for rel in self.relationships if rel.name == name), None)

    @property
    def attribute_names(self) -> list[str]:
        return [attr.name for attr in self.attributes]

    @property
    def relationship_names(self) -> list[str]:
        return [rel.name for rel in self.relationships]


class NodeSchema(_KindSchema):
    inherit_from: list[str] = Field(default_factory=list)
    generate_profile: bool = True
    generate_template: bool = False
    hierarchy: str | None = None
    parent: str | None = None
    children: str | None = None


class GenericSchema(_KindSchema):
    hierarchical: bool = False
    generate_profile: bool = True
    used_by: list[str] = Field(default_factory=list)
    restricted_namespaces: list[str] | None = None


class ProfileSchema(_KindSchema):
    inherit_from: list[str] = Field(default_factory=list)


class TemplateSchema(_KindSchema):
    inherit_from: list[str] = Field(default_factory=list)
    generate_profile: bool = False
    hierarchy: str | None = None
    parent: str | None = None
    children: str | None = None


KindSchema = NodeSchema | GenericSchema | ProfileSchema | TemplateSchema


class Namespace(_Element):
    name: str
    user_editable: bool


class SchemaBranch(BaseModel):
    """The processed schema of one branch: every kind by name, and the hash of the whole."""

    hash: str = ""
    nodes: dict[str, NodeSchema] = Field(default_factory=dict)
    generics: dict[str, GenericSchema] = Field(default_factory=dict)
    profiles: dict[str, ProfileSchema] = Field(default_factory=dict)
    templates: dict[str, TemplateSchema] = Field(default_factory=dict)
    namespaces: list[Namespace] = Field(default_factory=list)

    def get(self, kind: str) -> KindSchema:
        for table in (self.nodes, self.generics, self.profiles, self.templates):
            if kind in table:
                return table[kind]
        raise KeyError(kind)

    def has(self, kind: str) -> bool:
        return any(kind in table for table in (self.nodes, self.generics, self.profiles, self.templates))

    def all_kinds(self) -> dict[str, KindSchema]:
        return {**self.nodes, **self.generics, **self.profiles, **self.templates}

    def concrete_kinds(self, kind: str) -> list[str]:
        """The node/profile/template kinds a query on `kind` returns (a generic's `used_by`)."""
        if kind in self.generics:
            return list(self.generics[kind].used_by)
        return [kind]

    @classmethod
    def from_api_payload(cls, payload: dict[str, Any]) -> SchemaBranch:
        """Build from a `GET /api/schema` body (ours or Infrahub's)."""
        return cls(
            hash=payload.get("main", ""),
            nodes={item["kind"]: NodeSchema.model_validate(item) for item in payload.get("nodes", [])},
            generics={
                item["kind"]: GenericSchema.model_validate(item) for item in payload.get("generics", [])
            },
            profiles={
                item["kind"]: ProfileSchema.model_validate(item) for item in payload.get("profiles", [])
            },
            templates={
                item["kind"]: TemplateSchema.model_validate(item) for item in payload.get("templates", [])
            },
            namespaces=[Namespace.model_validate(ns) for ns in payload.get("namespaces", [])],
        )

    def to_api_payload(self) -> dict[str, Any]:
        return {
            "main": self.hash,
            "nodes": [item.model_dump(mode="json") for item in self.nodes.values()],
            "generics": [item.model_dump(mode="json") for item in self.generics.values()],
            "profiles": [item.model_dump(mode="json") for item in self.profiles.values()],
            "templates": [item.model_dump(mode="json") for item in self.templates.values()],
            "namespaces": [ns.model_dump(mode="json") for ns in self.namespaces],
        }
