"""Field collection for the compiled path: a selection set, with its fragments and @skip/@include,
flattened into response keys for one concrete type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLSchema,
    InlineFragmentNode,
    SelectionSetNode,
    Undefined,
    is_non_null_type,
)
from graphql.execution.values import get_argument_values
from graphql.type import GraphQLIncludeDirective, GraphQLSkipDirective


@dataclass(slots=True)
class Request:
    """What every resolver of one request needs to read the query."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: Any
    """The coerced variable values, as graphql-core's `get_argument_values` takes them."""
    _collected: dict[tuple[tuple[int, ...], str], dict[str, list[FieldNode]]] = field(default_factory=dict)

    def included(self, node: FieldNode | FragmentSpreadNode | InlineFragmentNode) -> bool:
        for directive in node.directives or ():
            name = directive.name.value
            if name in ("skip", "include"):
                definition = GraphQLSkipDirective if name == "skip" else GraphQLIncludeDirective
                value = get_argument_values(definition, directive, self.variables)["if"]
                if (name == "skip") == bool(value):
                    return False
        return True

    def arguments(self, field: GraphQLField, node: FieldNode) -> dict[str, Any]:
        """The field's coerced arguments: those given, and those with a default.

        Kind queries declare a hundred filter arguments; coercing only the given ones keeps a
        request's cost proportional to what it asks.
        """
        given = {argument.name.value for argument in node.arguments or ()}
        relevant = {
            name: arg
            for name, arg in field.args.items()
            if name in given or arg.default_value is not Undefined or is_non_null_type(arg.type)
        }
        return get_argument_values(GraphQLField(field.type, args=relevant), node, self.variables)

    def type_matches(self, condition: str | None, type_name: str) -> bool:
        if condition is None or condition == type_name:
            return True
        abstract = self.schema.get_type(condition)
        concrete = self.schema.get_type(type_name)
        if abstract is None or concrete is None:
            return False
        return self.schema.is_sub_type(abstract, concrete)  # type: ignore[arg-type]

    def collect(self, selection_set: SelectionSetNode | None, type_name: str) -> dict[str, list[FieldNode]]:
        """Response key -> the field nodes merged under it, for an object of `type_name`."""
        fields: dict[str, list[FieldNode]] = {}
        self._collect(selection_set, type_name, fields, set())
        return fields

    def _collect(
        self,
        selection_set: SelectionSetNode | None,
        type_name: str,
        into: dict[str, list[FieldNode]],
        visited: set[str],
    ) -> None:
        for selection in selection_set.selections if selection_set else ():
            if not self.included(selection):  # type: ignore[arg-type]
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                into.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition.name.value if selection.type_condition else None
                if self.type_matches(condition, type_name):
                    self._collect(selection.selection_set, type_name, into, visited)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if name in visited or fragment is None:
                    continue
                visited.add(name)
                if self.type_matches(fragment.type_condition.name.value, type_name):
                    self._collect(fragment.selection_set, type_name, into, visited)

    def sub_fields(self, nodes: list[FieldNode], type_name: str) -> dict[str, list[FieldNode]]:
        """The merged sub-selection of several field nodes sharing a response key (memoised: the
        same selection is collected once per type, not once per object)."""
        cache_key = (tuple(map(id, nodes)), type_name)
        fields = self._collected.get(cache_key)
        if fields is None:
            fields = {}
            for node in nodes:
                self._collect(node.selection_set, type_name, fields, set())
            self._collected[cache_key] = fields
        return fields


def project(request: Request, value: Any, nodes: list[FieldNode], type_name: str) -> Any:
    """Shape plain data (dicts and lists, keyed by field name) by a selection."""
    if isinstance(value, list):
        return [project(request, item, nodes, type_name) for item in value]
    if not isinstance(value, dict):
        return value
    item_type = value.get("__typename", type_name)
    result = {}
    for key, sub_nodes in request.sub_fields(nodes, item_type).items():
        name = sub_nodes[0].name.value
        result[key] = item_type if name == "__typename" else project(request, value.get(name), sub_nodes, "")
    return result
