"""How schema items map to GraphQL type names and value types."""

from __future__ import annotations

ATTRIBUTE_OUTPUT_TYPE: dict[str, str] = {
    "Number": "NumberAttribute",
    "NumberPool": "NumberAttribute",
    "Bandwidth": "NumberAttribute",
    "Boolean": "CheckboxAttribute",
    "Checkbox": "CheckboxAttribute",
    "Dropdown": "Dropdown",
    "IPHost": "IPHost",
    "IPNetwork": "IPNetwork",
    "MacAddress": "MacAddress",
    "List": "ListAttribute",
    "JSON": "JSONAttribute",
    "Any": "AnyAttribute",
}
"""Attribute kind -> output type; every other kind is a `TextAttribute`."""

_INPUT_FAMILY: dict[str, str] = {
    "Number": "Number",
    "NumberPool": "Number",
    "Bandwidth": "Number",
    "Boolean": "Checkbox",
    "Checkbox": "Checkbox",
    "List": "List",
    "JSON": "JSON",
    "Any": "JSON",
}

FILTER_SCALAR: dict[str, str] = {
    "Number": "BigInt",
    "NumberPool": "BigInt",
    "Bandwidth": "BigInt",
    "Boolean": "Boolean",
    "Checkbox": "Boolean",
    "List": "GenericScalar",
    "JSON": "GenericScalar",
    "Any": "GenericScalar",
    "DateTime": "DateTime",
}
"""Attribute kind -> scalar of its `__value` filters; every other kind filters as `String`."""

IP_PREFIX_KIND = "BuiltinIPPrefix"
IP_ADDRESS_KIND = "BuiltinIPAddress"


def attribute_output_type(kind: str) -> str:
    return ATTRIBUTE_OUTPUT_TYPE.get(kind, "TextAttribute")


def attribute_input_type(kind: str, operation: str) -> str:
    """`operation` is `Create` or `Update`."""
    return f"{_INPUT_FAMILY.get(kind, 'Text')}Attribute{operation}"


def filter_scalar(kind: str) -> str:
    return FILTER_SCALAR.get(kind, "String")
