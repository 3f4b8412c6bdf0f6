"""Turn dict trees into GraphQL text.

The layout (four-space indentation, `name(args) {` lines, one input field per line, a trailing
comma after each list item) reproduces the official SDK's output byte for byte, so servers and
recorded fixtures see the same documents from either package.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel

from infrahub_sdk.types import Order

FILTERS_KEY = "@filters"
ALIAS_KEY = "@alias"

VARIABLE_TYPE_MAPPING: tuple[tuple[Any, str], ...] = (
    (str, "String!"),
    (str | None, "String"),
    (int, "Int!"),
    (int | None, "Int"),
    (float, "Float!"),
    (float | None, "Float"),
    (bool, "Boolean!"),
    (bool | None, "Boolean"),
    (datetime, "DateTime!"),
    (datetime | None, "DateTime"),
    (bytes, "Upload!"),
    (Path, "Upload!"),
    (BinaryIO, "Upload!"),
)


def _render_object(items: dict[str, Any], convert_enum: bool) -> str:
    return "{ " + ", ".join(f"{key}: {render_value(val, convert_enum)}" for key, val in items.items()) + " }"


def render_value(value: Any, convert_enum: bool = False) -> str:
    """One GraphQL literal; strings starting with `$` are variable references."""
    if value is None:
        return "null"
    if isinstance(value, Enum):
        return render_value(value.value, True) if convert_enum else value.name
    if isinstance(value, str):
        return value if value.startswith("$") else json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(render_value(item, convert_enum) for item in value) + "]"
    if isinstance(value, BaseModel):
        return _render_object(value.model_dump(exclude_none=isinstance(value, Order)), convert_enum)
    if isinstance(value, dict):
        return _render_object(value, convert_enum)
    return str(value)


def render_variables_to_string(data: dict[str, Any]) -> str:
    """`{"offset": int}` -> `$offset: Int!`; Python types map through VARIABLE_TYPE_MAPPING."""
    declared: list[str] = []
    for name, python_type in data.items():
        graphql_type = next((gql for py, gql in VARIABLE_TYPE_MAPPING if python_type == py), None)
        if graphql_type is not None:
            declared.append(f"${name}: {graphql_type}")
    return ", ".join(declared)


def render_query_block(
    data: dict[str, Any], offset: int = 4, indentation: int = 4, convert_enum: bool = False
) -> list[str]:
    """Selection set lines; `@filters` become arguments and `@alias` an alias."""
    pad = " " * offset
    lines: list[str] = []
    for key, value in data.items():
        if key in (FILTERS_KEY, ALIAS_KEY):
            continue
        if value is None:
            lines.append(f"{pad}{key}")
            continue
        if not isinstance(value, dict):
            continue
        alias = value.get(ALIAS_KEY)
        if alias and len(value) == 1:
            lines.append(f"{pad}{alias}: {key}")
            continue
        head = f"{alias}: {key}" if alias else key
        filters = value.get(FILTERS_KEY)
        if filters:
            arguments = ", ".join(
                f"{name}: {render_value(arg, convert_enum)}" for name, arg in filters.items()
            )
            head += f"({arguments})"
        lines.append(f"{pad}{head} {{")
        lines.extend(render_query_block(value, offset + indentation, indentation, convert_enum))
        lines.append(pad + "}")
    return lines


def render_input_block(
    data: dict[str, Any], offset: int = 4, indentation: int = 4, convert_enum: bool = False
) -> list[str]:
    """Input object lines, one field per line; list items end with a comma."""
    pad = " " * offset
    item_pad = pad + " " * indentation
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}: {{")
            lines.extend(render_input_block(value, offset + indentation, indentation, convert_enum))
            lines.append(pad + "}")
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [")
            for item in value:
                if isinstance(item, dict):
                    lines.append(item_pad + "{")
                    lines.extend(
                        render_input_block(item, offset + 2 * indentation, indentation, convert_enum)
                    )
                    lines.append(item_pad + "},")
                else:
                    lines.append(f"{item_pad}{render_value(item, convert_enum)},")
            lines.append(pad + "]")
        else:
            lines.append(f"{pad}{key}: {render_value(value, convert_enum)}")
    return lines
