"""Print a schema as SDL the way Infrahub's `/schema.graphql` route does.

graphql-core's `print_schema` puts a blank line before every described field; Infrahub's output
does not, and with `sorted=True` it lists types alphabetically and the directives last.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    StringValueNode,
    is_specified_directive,
    lexicographic_sort_schema,
    print_ast,
)
from graphql.language.block_string import is_printable_as_block_string
from graphql.type import DEFAULT_DEPRECATION_REASON, is_specified_scalar_type
from graphql.utilities.get_default_value_ast import get_default_value_ast


def _description(item: Any, indentation: str = "") -> str:
    text = item.description
    if text is None:
        return ""
    block = print_ast(StringValueNode(value=text, block=is_printable_as_block_string(text)))
    return indentation + block.replace("\n", "\n" + indentation) + "\n"


def _deprecated(reason: str | None) -> str:
    if reason is None:
        return ""
    if reason == DEFAULT_DEPRECATION_REASON:
        return " @deprecated"
    return f" @deprecated(reason: {print_ast(StringValueNode(value=reason))})"


def _input_value(name: str, value: GraphQLArgument | GraphQLInputField) -> str:
    text = f"{name}: {value.type}"
    default = get_default_value_ast(value)
    if default:
        text += f" = {print_ast(default)}"
    return text + _deprecated(value.deprecation_reason)


def _arguments(args: dict[str, GraphQLArgument], indentation: str) -> str:
    if not args:
        return ""
    if all(arg.description is None for arg in args.values()):
        return "(" + ", ".join(_input_value(name, arg) for name, arg in args.items()) + ")"
    inner = indentation + "  "
    lines = [_description(arg, inner) + inner + _input_value(name, arg) for name, arg in args.items()]
    return "(\n" + "\n".join(lines) + f"\n{indentation})"


def _block(lines: list[str]) -> str:
    return " {\n" + "\n".join(lines) + "\n}" if lines else ""


def _print_type(type_: GraphQLNamedType) -> str:
    head = _description(type_)
    if isinstance(type_, GraphQLScalarType):
        return f"{head}scalar {type_.name}"
    if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
        keyword = "type" if isinstance(type_, GraphQLObjectType) else "interface"
        interfaces = " implements " + " & ".join(i.name for i in type_.interfaces) if type_.interfaces else ""
        fields = [
            _description(field, "  ")
            + f"  {name}{_arguments(field.args, '  ')}: {field.type}{_deprecated(field.deprecation_reason)}"
            for name, field in type_.fields.items()
        ]
        return f"{head}{keyword} {type_.name}{interfaces}{_block(fields)}"
    if isinstance(type_, GraphQLEnumType):
        values = [
            _description(value, "  ") + f"  {name}{_deprecated(value.deprecation_reason)}"
            for name, value in type_.values.items()
        ]
        return f"{head}enum {type_.name}{_block(values)}"
    if isinstance(type_, GraphQLInputObjectType):
        fields = [
            _description(field, "  ") + "  " + _input_value(name, field)
            for name, field in type_.fields.items()
        ]
        return f"{head}input {type_.name}{_block(fields)}"
    raise TypeError(f"cannot print {type_!r}")


def _print_directives(schema: GraphQLSchema) -> list[str]:
    printed = []
    for directive in schema.directives:
        if is_specified_directive(directive):
            continue
        locations = " | ".join(location.name for location in directive.locations)
        printed.append(
            _description(directive)
            + f"directive @{directive.name}{_arguments(directive.args, '')}"
            + (" repeatable" if directive.is_repeatable else "")
            + f" on {locations}"
        )
    return printed


def print_sdl(schema: GraphQLSchema, sorted: bool = False) -> str:
    """The schema as SDL; `sorted=True` orders types, fields and arguments by name."""
    if sorted:
        schema = lexicographic_sort_schema(schema)
    types = [
        _print_type(type_)
        for name, type_ in schema.type_map.items()
        if not name.startswith("__") and not is_specified_scalar_type(type_)
    ]
    directives = _print_directives(schema)
    parts = [*types, *directives] if sorted else [*directives, *types]
    return "\n\n".join(parts)
