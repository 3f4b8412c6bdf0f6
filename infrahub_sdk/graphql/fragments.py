"""Inline the fragments a query file uses (`graphql_fragments` of `.infrahub.yml`) into the query."""

from __future__ import annotations

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    parse,
    print_ast,
    visit,
)
from graphql.language import Visitor

from infrahub_sdk.exceptions import (
    CircularFragmentError,
    DuplicateFragmentError,
    FragmentNotFoundError,
    QuerySyntaxError,
)


def _parse(text: str) -> DocumentNode:
    try:
        return parse(text)
    except GraphQLError as exc:
        raise QuerySyntaxError(syntax_error=exc.message) from exc


class _SpreadCollector(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: object) -> None:
        if node.name.value not in self.names:
            self.names.append(node.name.value)


def _spreads(node: object) -> list[str]:
    collector = _SpreadCollector()
    visit(node, collector)  # type: ignore[arg-type]
    return collector.names


def render_query(query: str, fragment_files: list[str], query_file: str | None = None) -> str:
    """`query` plus every fragment it needs, directly or through other fragments; the query's own
    fragments win. Unknown, duplicated (across files) and circular fragments are errors."""
    document = _parse(query)
    local = {d.name.value for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    available: dict[str, FragmentDefinitionNode] = {}
    for text in fragment_files:
        for definition in _parse(text).definitions:
            if not isinstance(definition, FragmentDefinitionNode):
                continue
            if definition.name.value in available:
                raise DuplicateFragmentError(fragment_name=definition.name.value)
            available[definition.name.value] = definition
    needed: list[str] = []

    def require(name: str, path: list[str]) -> None:
        if name in local or name in needed:
            return
        if name in path:
            raise CircularFragmentError(cycle=[*path, name])
        if name not in available:
            raise FragmentNotFoundError(fragment_name=name, query_file=query_file)
        for inner in _spreads(available[name]):
            require(inner, [*path, name])
        needed.append(name)

    for name in _spreads(document):
        require(name, [])
    if not needed:
        return query
    return "\n\n".join([query.rstrip(), *(print_ast(available[name]) for name in needed)]) + "\n"
