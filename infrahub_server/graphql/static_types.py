"""The part of the GraphQL schema that does not depend on the user's schema.

Branches, diffs, tasks, events, accounts, attribute value types and the static query and mutation
fields are declared in `static_schema.graphql`, the protocol's own SDL. It is parsed once; each
schema build turns it into fresh graphql-core types whose references to generated types (for
example `CoreGenericAccount`) resolve lazily through `lookup`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any, cast

from graphql import (
    DocumentNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLEnumValue,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLType,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    TypeNode,
    parse,
    value_from_ast,
)
from graphql.language import NamedTypeNode

TypeLookup = Callable[[str], GraphQLNamedType]

ROOT_TYPES = ("Query", "Mutation", "Subscription")


@cache
def static_document() -> DocumentNode:
    text = files(__package__).joinpath("static_schema.graphql").read_text(encoding="utf-8")
    return parse(text, no_location=True)


def _type_ref(node: TypeNode, lookup: TypeLookup) -> GraphQLType:
    if isinstance(node, NonNullTypeNode):
        return GraphQLNonNull(cast(Any, _type_ref(node.type, lookup)))
    if isinstance(node, ListTypeNode):
        return GraphQLList(_type_ref(node.type, lookup))
    return lookup(cast(NamedTypeNode, node).name.value)


def _description(node: Any) -> str | None:
    return node.description.value if node.description else None


def _deprecation(node: Any) -> str | None:
    for directive in node.directives or ():
        if directive.name.value == "deprecated":
            reason = next(
                (arg.value for arg in directive.arguments or () if arg.name.value == "reason"), None
            )
            return cast(Any, reason).value if reason is not None else "No longer supported"
    return None


def _arguments(nodes: tuple[InputValueDefinitionNode, ...], lookup: TypeLookup) -> dict[str, GraphQLArgument]:
    args = {}
    for arg in nodes:
        arg_type = cast(GraphQLInputType, _type_ref(arg.type, lookup))
        default = value_from_ast(arg.default_value, arg_type) if arg.default_value else None
        args[arg.name.value] = GraphQLArgument(
            arg_type,
            description=_description(arg),
            deprecation_reason=_deprecation(arg),
            **({"default_value": default} if arg.default_value else {}),
        )
    return args


def _output_fields(nodes: tuple[FieldDefinitionNode, ...], lookup: TypeLookup) -> dict[str, GraphQLField]:
    return {
        field.name.value: GraphQLField(
            cast(GraphQLOutputType, _type_ref(field.type, lookup)),
            args=_arguments(field.arguments or (), lookup),
            description=_description(field),
            deprecation_reason=_deprecation(field),
        )
        for field in nodes
    }


def _input_fields(
    nodes: tuple[InputValueDefinitionNode, ...], lookup: TypeLookup
) -> dict[str, GraphQLInputField]:
    fields = {}
    for field in nodes:
        field_type = cast(GraphQLInputType, _type_ref(field.type, lookup))
        default = value_from_ast(field.default_value, field_type) if field.default_value else None
        fields[field.name.value] = GraphQLInputField(
            field_type,
            description=_description(field),
            deprecation_reason=_deprecation(field),
            **({"default_value": default} if field.default_value else {}),
        )
    return fields


def _build_type(node: Any, lookup: TypeLookup) -> GraphQLNamedType:
    name = node.name.value
    description = _description(node)
    if isinstance(node, ObjectTypeDefinitionNode):
        return GraphQLObjectType(
            name,
            fields=lambda: _output_fields(node.fields or (), lookup),
            interfaces=lambda: [
                cast(GraphQLInterfaceType, lookup(i.name.value)) for i in node.interfaces or ()
            ],
            description=description,
        )
    if isinstance(node, InterfaceTypeDefinitionNode):
        return GraphQLInterfaceType(
            name, fields=lambda: _output_fields(node.fields or (), lookup), description=description
        )
    if isinstance(node, InputObjectTypeDefinitionNode):
        return GraphQLInputObjectType(
            name, fields=lambda: _input_fields(node.fields or (), lookup), description=description
        )
    if isinstance(node, EnumTypeDefinitionNode):
        return GraphQLEnumType(
            name,
            {
                v.name.value: GraphQLEnumValue(
                    v.name.value, description=_description(v), deprecation_reason=_deprecation(v)
                )
                for v in node.values or ()
            },
            description=description,
        )
    raise TypeError(f"unsupported static definition {type(node).__name__} {name}")


def build_static_types(lookup: TypeLookup) -> dict[str, GraphQLNamedType]:
    """Fresh static types, the root types excluded (see `static_root_fields`)."""
    definitions = cast(tuple[Any, ...], static_document().definitions)
    return {
        node.name.value: _build_type(node, lookup)
        for node in definitions
        if node.name.value not in ROOT_TYPES
    }


def static_root_fields(root: str, lookup: TypeLookup) -> dict[str, GraphQLField]:
    """The static fields of `Query`, `Mutation` or `Subscription`."""
    for node in static_document().definitions:
        if isinstance(node, ObjectTypeDefinitionNode) and node.name.value == root:
            return _output_fields(node.fields or (), lookup)
    return {}
