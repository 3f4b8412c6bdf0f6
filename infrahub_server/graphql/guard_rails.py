"""Refuse queries that are too deep or select too many fields before running them."""

from __future__ import annotations

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from infrahub_server.graphql.context import QueryLimits


def _measure(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    depth: int,
    visiting: frozenset[str],
) -> tuple[int, int]:
    """(deepest field level, number of field selections) of a selection set, fragments expanded."""
    deepest, count = depth, 0
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode):
            sub_depth, sub_count = _measure(selection.selection_set, fragments, depth + 1, visiting)
            deepest, count = max(deepest, sub_depth), count + 1 + sub_count
        elif isinstance(selection, InlineFragmentNode):
            sub_depth, sub_count = _measure(selection.selection_set, fragments, depth, visiting)
            deepest, count = max(deepest, sub_depth), count + sub_count
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in visiting or name not in fragments:
                continue
            sub_depth, sub_count = _measure(
                fragments[name].selection_set, fragments, depth, visiting | {name}
            )
            deepest, count = max(deepest, sub_depth), count + sub_count
    return deepest, count


def check_limits(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode], limits: QueryLimits
) -> str | None:
    """A message saying which limit the operation exceeds, or None."""
    depth, fields = _measure(operation.selection_set, fragments, 0, frozenset())
    if depth > limits.max_depth:
        return f"The query is nested {depth} levels deep; the limit is {limits.max_depth}"
    if fields > limits.max_fields:
        return f"The query selects {fields} fields; the limit is {limits.max_fields}"
    return None
