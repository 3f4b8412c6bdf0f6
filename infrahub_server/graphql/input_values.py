"""Mutation input as the node service takes it.

Some protocol inputs declare `= null` defaults (`from_pool` of `RelatedNodeInput`), so coercion
adds them to every related node; for those fields null and absent mean the same, and they are dropped.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLInputObjectType, GraphQLInputType, GraphQLList, GraphQLNonNull


def drop_null_defaults(value: Any, input_type: GraphQLInputType) -> Any:
    while isinstance(input_type, GraphQLNonNull):
        input_type = input_type.of_type
    if isinstance(input_type, GraphQLList) and isinstance(value, list):
        return [drop_null_defaults(item, input_type.of_type) for item in value]
    if not isinstance(input_type, GraphQLInputObjectType) or not isinstance(value, dict):
        return value
    cleaned = {}
    for key, item in value.items():
        field = input_type.fields.get(key)
        if field is None:
            cleaned[key] = item
        elif item is None and field.default_value is None:
            continue
        else:
            cleaned[key] = drop_null_defaults(item, field.type)
    return cleaned
