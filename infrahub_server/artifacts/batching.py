"""Running one stored query for many targets at once.

An artefact definition runs its query once per target, with variables taken from the target
(`{device: name__value}`). When the query has the usual shape, one root kind field filtered on one
attribute by the one variable (`InfraDevice(name__value: $device) { edges { node { name { value }
... } } }`), the same answers come from a single query over many values (`name__values`): the
executor then reads each level of the selection once for all targets instead of once per target.
Each target's data is the edges whose attribute value equals its variable, in the order the
per-target query returns them.

Any other shape (several root fields, `count`, other variables, the attribute not selected) is not
batched: `batched_query` answers None and the caller runs the query per target.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    GraphQLError,
    ListTypeNode,
    NameNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    VariableDefinitionNode,
    parse,
    print_ast,
)


@dataclass(frozen=True, slots=True)
class BatchedQuery:
    text: str
    """The query over a list of values, bound to `variable`."""
    variable: str
    root_key: str
    """The response key of the root field (its alias or name)."""
    attribute: str
    """The attribute each edge is matched on (`<attribute> { value }`)."""

    def split(self, data: dict[str, Any], values: Sequence[Any]) -> dict[Hashable, dict[str, Any]] | None:
        """Per value, the data its own query would have returned; None when an edge lacks the
        attribute's value (the selection does not ask for it)."""
        edges_by_value: dict[Hashable, list[Any]] = {value: [] for value in values}
        root = data.get(self.root_key)
        if not isinstance(root, dict) or set(root) != {"edges"}:
            return None
        for edge in root["edges"] or []:
            field = (edge.get("node") or {}).get(self.attribute)
            if not isinstance(field, dict) or "value" not in field:
                return None
            found = edges_by_value.get(field["value"])
            if found is not None:
                found.append(edge)
        return {value: {self.root_key: {"edges": edges}} for value, edges in edges_by_value.items()}


def _single_operation(document: DocumentNode) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or operations[0].operation.value != "query":
        return None
    return operations[0]


def batched_query(text: str) -> BatchedQuery | None:
    try:
        document = parse(text)
    except GraphQLError:
        return None
    operation = _single_operation(document)
    variable_definitions = operation.variable_definitions if operation is not None else None
    if operation is None or not variable_definitions or len(variable_definitions) != 1:
        return None
    fields = operation.selection_set.selections
    if len(fields) != 1 or not isinstance(fields[0], FieldNode) or fields[0].selection_set is None:
        return None
    root = fields[0]
    definition = variable_definitions[0]
    variable = definition.variable.name.value
    # The operation defines one variable: any variable in an argument is that one.
    bound = [arg for arg in root.arguments or () if "$" in print_ast(arg.value)]
    if len(bound) != 1 or not bound[0].name.value.endswith("__value"):
        return None
    if getattr(bound[0].value, "kind", "") != "variable":
        return None
    attribute = bound[0].name.value.removesuffix("__value")
    if "__" in attribute:
        return None
    list_argument = ArgumentNode(name=NameNode(value=f"{attribute}__values"), value=bound[0].value)
    arguments = tuple(list_argument if arg is bound[0] else arg for arg in root.arguments or ())
    list_type = NonNullTypeNode(type=ListTypeNode(type=definition.type))
    new_definition = VariableDefinitionNode(
        variable=definition.variable, type=list_type, default_value=None, directives=()
    )
    new_root = FieldNode(
        alias=root.alias,
        name=root.name,
        arguments=arguments,
        directives=root.directives,
        selection_set=root.selection_set,
    )
    new_operation = OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=(new_definition,),
        directives=operation.directives,
        selection_set=type(operation.selection_set)(selections=(new_root,)),
    )
    definitions = tuple(new_operation if d is operation else d for d in document.definitions)
    key = (root.alias or root.name).value
    return BatchedQuery(print_ast(DocumentNode(definitions=definitions)), variable, key, attribute)
