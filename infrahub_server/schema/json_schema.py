"""`GET /api/schema/json_schema/{kind}`: a JSON Schema (draft-07) of a kind's attributes, so editors
and linters can check object files and API payloads without a server round trip per field."""

from __future__ import annotations

from typing import Any

from infrahub_server.schema.models import AttributeSchema, KindSchema

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

_TYPES: dict[str, Any] = {
    "Number": "integer",
    "NumberPool": "integer",
    "Bandwidth": "integer",
    "Boolean": "boolean",
    "Checkbox": "boolean",
    "List": "array",
    "JSON": ["object", "array", "string", "number", "integer", "boolean", "null"],
}
_FORMATS = {"DateTime": "date-time", "Email": "email", "URL": "uri"}


def attribute_json_schema(attr: AttributeSchema) -> dict[str, Any]:
    prop: dict[str, Any] = {"type": _TYPES.get(attr.kind, "string"), "title": attr.label or attr.name}
    if attr.description:
        prop["description"] = attr.description
    if attr.kind in _FORMATS:
        prop["format"] = _FORMATS[attr.kind]
    if attr.enum:
        prop["enum"] = list(attr.enum)
    if attr.choices:
        prop["enum"] = [choice.name for choice in attr.choices]
    if attr.regex:
        prop["pattern"] = attr.regex
    if attr.min_length is not None:
        prop["minLength"] = attr.min_length
    if attr.max_length is not None:
        prop["maxLength"] = attr.max_length
    parameters = attr.parameters or {}
    if parameters.get("min_value") is not None:
        prop["minimum"] = parameters["min_value"]
    if parameters.get("max_value") is not None:
        prop["maximum"] = parameters["max_value"]
    if attr.default_value is not None:
        prop["default"] = attr.default_value
    if attr.read_only:
        prop["readOnly"] = True
    return prop


def kind_json_schema(kind: KindSchema) -> dict[str, Any]:
    """Every attribute of `kind` as a property; mandatory ones (no default) are `required`."""
    attributes = [attr for attr in kind.attributes if attr.state != "absent"]
    document: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": getattr(kind, "label", None) or kind.kind,
        "type": "object",
        "properties": {attr.name: attribute_json_schema(attr) for attr in attributes},
        "required": [
            attr.name
            for attr in attributes
            if not attr.optional and attr.default_value is None and not attr.read_only
        ],
    }
    if getattr(kind, "description", None):
        document["description"] = kind.description
    return document
