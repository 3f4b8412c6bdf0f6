"""Render GraphQL documents from dict trees (`Query(query={...}).render()`)."""

from ._query import Mutation, Query
from ._render import VARIABLE_TYPE_MAPPING, render_input_block, render_query_block, render_variables_to_string

__all__ = [
    "VARIABLE_TYPE_MAPPING",
    "Mutation",
    "Query",
    "render_input_block",
    "render_query_block",
    "render_variables_to_string",
]
