"""`client.schema.export()`: the user namespaces of a branch, as schema-file dicts that load back."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from .main import GenericSchemaAPI, MainSchemaTypesAPI, NodeSchemaAPI, RelationshipKind

# Namespaces the server reserves for itself.
RESTRICTED_NAMESPACES = [
    "Account",
    "Branch",
    "Builtin",
    "Core",
    "Deprecated",
    "Diff",
    "Infrahub",
    "Internal",
    "Lineage",
    "Schema",
    "Profile",
    "Template",
]

# What the server computes or keeps for itself, and values equal to what loading would default to.
_KIND_EXCLUDE = {"hash", "hierarchy", "used_by", "id", "state", "kind", "restricted_namespaces"}
_FIELD_EXCLUDE = {"inherited", "allow_override", "hierarchical", "id", "state", "branch"}
_ATTRIBUTE_DEFAULTS: dict[str, Any] = {"read_only": False, "optional": False, "ordered": True}
_RELATIONSHIP_DEFAULTS: dict[str, Any] = {
    "direction": "bidirectional",
    "on_delete": "no-action",
    "cardinality": "many",
    "optional": True,
    "min_count": 0,
    "max_count": 0,
    "read_only": False,
}
_GENERATED_RELATIONSHIP_KINDS = {RelationshipKind.GROUP, RelationshipKind.PROFILE, RelationshipKind.HIERARCHY}


class NamespaceExport(BaseModel):
    nodes: list[dict[str, Any]] = Field(default_factory=list)
    generics: list[dict[str, Any]] = Field(default_factory=list)


class SchemaExport(BaseModel):
    namespaces: dict[str, NamespaceExport] = Field(default_factory=dict)

    def to_dict(self) -> dict[str, dict[str, list[dict[str, Any]]]]:
        return {name: data.model_dump(exclude_defaults=True) for name, data in self.namespaces.items()}


def _without_defaults(item: BaseModel, defaults: dict[str, Any]) -> dict[str, Any]:
    dumped = item.model_dump(mode="json", exclude=_FIELD_EXCLUDE, exclude_none=True)
    return {key: value for key, value in dumped.items() if key not in defaults or value != defaults[key]}


def schema_to_export_dict(schema: MainSchemaTypesAPI) -> dict[str, Any]:
    """A schema-file entry: own attributes and relationships, no server-computed fields or defaults."""
    data = schema.model_dump(
        mode="json", exclude=_KIND_EXCLUDE | {"attributes", "relationships"}, exclude_none=True
    )
    own_relationships = [item for item in schema.relationships if not item.inherited]
    if isinstance(schema, GenericSchemaAPI) and any(
        item.kind == RelationshipKind.HIERARCHY for item in own_relationships
    ):
        # The server turned `hierarchical: true` into parent/children relationships: turn them back.
        data["hierarchical"] = True
    # Single-attribute constraints come from `unique: true`; only the user's own are written.
    generated = {f"{item.name}__value" for item in schema.attributes if item.unique}
    constraints = [
        c for c in data.pop("uniqueness_constraints", None) or [] if not (len(c) == 1 and c[0] in generated)
    ]
    if constraints:
        data["uniqueness_constraints"] = constraints
    attributes = [
        _without_defaults(item, _ATTRIBUTE_DEFAULTS) for item in schema.attributes if not item.inherited
    ]
    if attributes:
        data["attributes"] = attributes
    relationships = [
        _without_defaults(item, _RELATIONSHIP_DEFAULTS)
        for item in own_relationships
        if item.kind not in _GENERATED_RELATIONSHIP_KINDS
    ]
    if relationships:
        data["relationships"] = relationships
    return data


def build_export(schemas: dict[str, MainSchemaTypesAPI], namespaces: list[str] | None = None) -> SchemaExport:
    export = SchemaExport()
    for schema in sorted(schemas.values(), key=lambda item: item.kind):
        if (
            not isinstance(schema, NodeSchemaAPI | GenericSchemaAPI)
            or schema.namespace in RESTRICTED_NAMESPACES
        ):
            continue
        if namespaces and schema.namespace not in namespaces:
            continue
        target = export.namespaces.setdefault(schema.namespace, NamespaceExport())
        entries = target.generics if isinstance(schema, GenericSchemaAPI) else target.nodes
        entries.append(schema_to_export_dict(schema))
    return export
