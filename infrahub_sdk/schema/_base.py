"""What both schema managers do without I/O: the per-branch cache and offline helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from infrahub_sdk.exceptions import ValidationError
from infrahub_sdk.store import get_schema_name

from .main import BranchSchema, MainSchemaTypesAPI, RelationshipCardinality, SchemaRootAPI

if TYPE_CHECKING:
    from infrahub_sdk.node import InfrahubNode, InfrahubNodeSync

    # A node of either client, where a kind can be given as a node.
    InfrahubNodeTypes: TypeAlias = InfrahubNode | InfrahubNodeSync


class InfrahubSchemaBase:
    def __init__(self, client: Any) -> None:
        self.client = client
        self.cache: dict[str, BranchSchema] = {}

    @staticmethod
    def _get_schema_name(schema: type | str) -> str:
        """A kind from a string or a protocol class (`BuiltinTagSync` -> `BuiltinTag`)."""
        return get_schema_name(schema) or ""

    def set_cache(
        self, schema: dict[str, Any] | SchemaRootAPI | BranchSchema, branch: str | None = None
    ) -> None:
        """Fill the cache from a `/api/schema` body or a model (handy for tests and offline work)."""
        if isinstance(schema, SchemaRootAPI):
            schema = BranchSchema.from_schema_root_api(schema)
        elif isinstance(schema, dict):
            schema = BranchSchema.from_api_response(schema)
        self.cache[branch or self.client.default_branch] = schema

    def validate_data_against_schema(self, schema: MainSchemaTypesAPI, data: dict[str, Any]) -> None:
        """Every key of `data` must be an attribute or a relationship of `schema`."""
        for key in data:
            if key not in schema.relationship_names + schema.attribute_names:
                raise ValidationError(
                    identifier=schema.kind, message=f"{key} is not a valid value for {schema.kind}"
                )

    def generate_payload_create(
        self,
        schema: MainSchemaTypesAPI,
        data: dict[str, Any],
        source: str | None = None,
        owner: str | None = None,
        is_protected: bool | None = None,
    ) -> dict[str, Any]:
        """A create payload from plain values: `{"name": "x"}` -> `{"name": {"value": "x"}}`, ids for peers."""
        properties: dict[str, Any] = {}
        if source:
            properties["source"] = str(source)
        if owner:
            properties["owner"] = str(owner)
        if is_protected is not None:
            properties["is_protected"] = is_protected
        payload: dict[str, Any] = {}
        for key, value in data.items():
            if key in schema.attribute_names:
                payload[key] = {"value": value, **properties}
                continue
            rel = schema.get_relationship_or_none(key)
            if rel is None:
                payload[key] = {}
            elif rel.cardinality == RelationshipCardinality.ONE:
                payload[key] = {"id": str(value), **properties}
            else:
                payload[key] = [{"id": str(item), **properties} for item in value]
        return payload
