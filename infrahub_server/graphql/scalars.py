"""The custom scalars of Infrahub's GraphQL schema and the `@expand` directive."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from graphql import (
    DirectiveLocation,
    GraphQLArgument,
    GraphQLDirective,
    GraphQLError,
    GraphQLList,
    GraphQLScalarType,
    GraphQLString,
    ValueNode,
    value_from_ast_untyped,
)
from graphql.language import IntValueNode


def _parse_big_int_literal(node: ValueNode, _variables: dict[str, Any] | None = None) -> int:
    if isinstance(node, IntValueNode):
        return int(node.value)
    raise GraphQLError("BigInt cannot represent a non-integer value")


def _parse_big_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise GraphQLError(f"BigInt cannot represent value: {value!r}")
    try:
        return int(value)
    except ValueError as exc:
        raise GraphQLError(f"BigInt cannot represent value: {value!r}") from exc


def _serialize_datetime(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _parse_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise GraphQLError(f"DateTime cannot represent a non-string value: {value!r}")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise GraphQLError(f"DateTime cannot represent value: {value!r}") from exc
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _parse_datetime_literal(node: ValueNode, _variables: dict[str, Any] | None = None) -> datetime:
    return _parse_datetime(value_from_ast_untyped(node))


def _identity(value: Any) -> Any:
    return value


def _parse_generic_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> Any:
    return value_from_ast_untyped(node, variables)


BigInt = GraphQLScalarType(
    "BigInt",
    description=(
        "The `BigInt` scalar type represents non-fractional whole numeric values.\n"
        "`BigInt` is not constrained to 32-bit like the `Int` type and thus is a less\n"
        "compatible type."
    ),
    serialize=int,
    parse_value=_parse_big_int,
    parse_literal=_parse_big_int_literal,
)

DateTime = GraphQLScalarType(
    "DateTime",
    description=(
        "The `DateTime` scalar type represents a DateTime\n"
        "value as specified by\n"
        "[iso8601](https://en.wikipedia.org/wiki/ISO_8601)."
    ),
    serialize=_serialize_datetime,
    parse_value=_parse_datetime,
    parse_literal=_parse_datetime_literal,
)

GenericScalar = GraphQLScalarType(
    "GenericScalar",
    description=(
        "The `GenericScalar` scalar type represents a generic\n"
        "GraphQL scalar value that could be:\n"
        "String, Boolean, Int, Float, List or Object."
    ),
    serialize=_identity,
    parse_value=_identity,
    parse_literal=_parse_generic_literal,
)

FixedGenericScalar = GraphQLScalarType(
    "FixedGenericScalar",
    description=(
        "GenericScalar with correct variable substitution in parse_literal.\n\n"
        "graphene's GenericScalar.parse_literal does not forward _variables to\n"
        "recursive calls, so $variable references inside a nested object or list\n"
        "resolve to None instead of their supplied values."
    ),
    serialize=_identity,
    parse_value=_identity,
    parse_literal=_parse_generic_literal,
)

CUSTOM_SCALARS: dict[str, GraphQLScalarType] = {
    scalar.name: scalar for scalar in (BigInt, DateTime, GenericScalar, FixedGenericScalar)
}

ExpandDirective = GraphQLDirective(
    "expand",
    locations=[DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
    args={"exclude": GraphQLArgument(GraphQLList(GraphQLString), description="Exclude specific fields")},
    description="Expands a field to include Node defaults",
)
