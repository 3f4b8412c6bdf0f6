"""`CoreGraphQLQuery` analysed when it is saved: the text must be one valid operation of the branch's
GraphQL schema, and the read-only attributes describe it.

- `variables`: `[{"name", "type", "required", "is_list", "default_value"}]`, `type` the named type;
- `operations`: the operation's type (`["query"]`, `["mutation"]`);
- `models`: the kinds the selection reads, sorted;
- `depth`: the deepest nesting of fields (`{ A { b { c } } }` is 3), fragments inlined;
- `height`: the number of fields selected, fragments inlined.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    TypeNode,
    Visitor,
    get_named_type,
    parse,
    print_ast,
    value_from_ast_untyped,
    visit,
)

from infrahub_server.errors import ValidationError
from infrahub_server.graphql.document_shapes import validate_document
from infrahub_server.graphql.schema_builder import graphql_schema_for
from infrahub_server.nodes.inputs import MISSING, AttributeInput, NodeInput
from infrahub_server.nodes.kind_hooks import KindHooks, register_kind_hooks
from infrahub_server.nodes.service import NodeService
from infrahub_server.schema.models import KindSchema, SchemaBranch

_TYPE_PREFIXES = ("NestedPaginated", "NestedEdged", "Paginated", "Edged")


@dataclass(frozen=True, slots=True)
class QueryAnalysis:
    variables: list[dict[str, Any]]
    operations: list[str]
    models: list[str]
    depth: int
    height: int


def _refuse(kind: str, reason: str) -> ValidationError:
    return ValidationError(f"{reason} at query", data={"node_kind": kind, "field_name": "query"})


def variable_type(type_node: TypeNode) -> tuple[str, bool, bool]:
    """(named type, required, is_list) of a variable's declared type."""
    required = isinstance(type_node, NonNullTypeNode)
    inner = type_node.type if isinstance(type_node, NonNullTypeNode) else type_node
    is_list = isinstance(inner, ListTypeNode)
    while not isinstance(inner, NamedTypeNode):
        inner = inner.type  # type: ignore[attr-defined]
    return inner.name.value, required, is_list


def _variables(operation: OperationDefinitionNode) -> list[dict[str, Any]]:
    found = []
    for definition in operation.variable_definitions or ():
        named, required, is_list = variable_type(definition.type)
        default = (
            None if definition.default_value is None else value_from_ast_untyped(definition.default_value)
        )
        found.append(
            {
                "name": definition.variable.name.value,
                "type": named,
                "required": required,
                "is_list": is_list,
                "default_value": default,
            }
        )
    return found


def _measure(
    selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode], seen: frozenset[str]
) -> tuple[int, int]:
    """(depth, height) of a selection set, fragment spreads inlined (a cycle is already refused)."""
    if selection_set is None:
        return 0, 0
    depth = height = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            inner_depth, inner_height = _measure(selection.selection_set, fragments, seen)
            depth, height = max(depth, inner_depth + 1), height + inner_height + 1
            continue
        if isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen or name not in fragments:
                continue
            inner_depth, inner_height = _measure(fragments[name].selection_set, fragments, seen | {name})
        else:
            assert isinstance(selection, InlineFragmentNode)
            inner_depth, inner_height = _measure(selection.selection_set, fragments, seen)
        depth, height = max(depth, inner_depth), height + inner_height
    return depth, height


def _models(graphql_schema: GraphQLSchema, document: DocumentNode, schema: SchemaBranch) -> list[str]:
    type_info = TypeInfo(graphql_schema)
    kinds: set[str] = set()

    class _Collect(Visitor):
        def enter_field(self, *_: Any) -> None:
            field_type = type_info.get_type()
            if field_type is None:
                return
            name = get_named_type(field_type).name
            for prefix in _TYPE_PREFIXES:
                if name.startswith(prefix) and schema.has(name[len(prefix) :]):
                    name = name[len(prefix) :]
                    break
            if name in schema.nodes or name in schema.generics:
                kinds.add(name)

    visit(document, TypeInfoVisitor(type_info, _Collect()))
    return sorted(kinds)


def analyse_query(schema: SchemaBranch, text: str, *, kind: str = "CoreGraphQLQuery") -> QueryAnalysis:
    """Parse and validate `text` against `schema`'s GraphQL schema; ValidationError naming `query`."""
    try:
        document = parse(text)
    except GraphQLError as error:
        raise _refuse(kind, f"query is not valid GraphQL: {error.message}") from None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1:
        raise _refuse(kind, f"query must hold exactly one operation, it holds {len(operations)}")
    graphql_schema = graphql_schema_for(schema)
    errors = validate_document(graphql_schema, document, print_ast(document))
    if errors:
        raise _refuse(kind, f"query does not match the GraphQL schema: {errors[0].message}")
    operation = operations[0]
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    depth, height = _measure(operation.selection_set, fragments, frozenset())
    return QueryAnalysis(
        variables=_variables(operation),
        operations=[operation.operation.value],
        models=_models(graphql_schema, document, schema),
        depth=depth,
        height=height,
    )


class StoredQueryHooks(KindHooks):
    """Refuses a `CoreGraphQLQuery` whose `query` is not one valid operation; fills its analysis."""

    kinds = frozenset({"CoreGraphQLQuery"})

    def before_write(
        self, service: NodeService, schema: KindSchema, node_id: str | None, node_input: NodeInput
    ) -> None:
        sent = node_input.attributes.get("query")
        if sent is None or sent.value is MISSING or not isinstance(sent.value, str):
            return
        analysis = analyse_query(service.schema, sent.value, kind=schema.kind)
        for name in ("variables", "operations", "models", "depth", "height"):
            node_input.attributes[name] = AttributeInput(value=getattr(analysis, name))


register_kind_hooks(StoredQueryHooks())
