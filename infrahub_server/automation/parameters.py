"""URL query parameters as the variables of a stored query (`GET /api/query`, `/api/transform`):
text converted to each variable's declared scalar."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, parse

from infrahub_server.automation.queries import StoredQuery
from infrahub_server.automation.query_analysis import variable_type

_SCALARS: dict[str, Callable[[str], Any]] = {
    "Int": int,
    "BigInt": int,
    "Float": float,
    "Boolean": lambda text: text.strip().lower() in ("1", "true", "yes", "on"),
}


def _convert(scalar: str, text: str) -> Any:
    parse_text = _SCALARS.get(scalar)
    if parse_text is None:
        return text
    try:
        return parse_text(text)
    except ValueError:
        return text


def variables_from_parameters(query: StoredQuery, parameters: Mapping[str, list[str]]) -> dict[str, Any]:
    """Each declared variable from the parameter of its name, converted to the declared scalar (a
    list variable takes every repetition). Text that does not convert is passed as it is, for
    GraphQL to refuse with its own message; parameters the query does not declare are ignored."""
    try:
        document = parse(query.text)
    except GraphQLError:
        return {}
    variables: dict[str, Any] = {}
    for operation in document.definitions:
        if not isinstance(operation, OperationDefinitionNode):
            continue
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            values = parameters.get(name)
            if not values:
                continue
            scalar, _, is_list = variable_type(definition.type)
            converted = [_convert(scalar, value) for value in values]
            variables[name] = converted if is_list else converted[-1]
    return variables
