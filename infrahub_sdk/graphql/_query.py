"""`Query` and `Mutation`: documents rendered from dict trees."""

from __future__ import annotations

from typing import Any

from ._render import render_input_block, render_query_block, render_variables_to_string


class BaseGraphQLQuery:
    query_type: str = "not-defined"
    indentation: int = 4

    def __init__(
        self, query: dict[str, Any], variables: dict[str, Any] | None = None, name: str | None = None
    ) -> None:
        self.query = query
        self.variables = variables
        self.name = name or ""

    def render_first_line(self) -> str:
        line = self.query_type
        if self.name:
            line += f" {self.name}"
        if self.variables:
            line += f" ({render_variables_to_string(self.variables)})"
        return line + " {"


class Query(BaseGraphQLQuery):
    query_type = "query"

    def render(self, convert_enum: bool = False) -> str:
        lines = [self.render_first_line()]
        lines += render_query_block(self.query, self.indentation, self.indentation, convert_enum)
        lines.append("}")
        return "\n" + "\n".join(lines) + "\n"


class Mutation(BaseGraphQLQuery):
    query_type = "mutation"

    def __init__(self, *args: Any, mutation: str, input_data: dict[str, Any], **kwargs: Any) -> None:
        self.mutation = mutation
        self.input_data = input_data
        super().__init__(*args, **kwargs)

    def render(self, convert_enum: bool = False) -> str:
        pad = " " * self.indentation
        lines = [self.render_first_line(), f"{pad}{self.mutation}("]
        lines += render_input_block(self.input_data, 2 * self.indentation, self.indentation, convert_enum)
        lines.append(pad + "){")
        lines += render_query_block(self.query, 2 * self.indentation, self.indentation, convert_enum)
        lines += [pad + "}", "}"]
        return "\n" + "\n".join(lines) + "\n"
