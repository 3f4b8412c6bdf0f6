"""`graphql_fragments`: fragment files shared by the repository's queries. A stored query gets the
definitions of the fragments it spreads (and those they spread) appended, so it runs on its own."""

from __future__ import annotations

from pathlib import Path

from graphql import FragmentDefinitionNode, FragmentSpreadNode, GraphQLError, Node, parse, print_ast, visit
from graphql.language import Visitor

from infrahub_server.repositories.config import FragmentEntry, RepositoryFileError, read_text, repository_file


class _SpreadCollector(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: object) -> None:
        self.names.add(node.name.value)


def _spreads(node: Node) -> set[str]:
    collector = _SpreadCollector()
    visit(node, collector)
    return collector.names


def _fragment_files(directory: Path, entry: FragmentEntry) -> list[str]:
    path = repository_file(directory, entry.file_path)
    if path.is_file():
        return [entry.file_path]
    return [found.relative_to(directory).as_posix() for found in sorted(path.glob("*.gql"))]


def read_fragments(directory: Path, entries: list[FragmentEntry]) -> dict[str, FragmentDefinitionNode]:
    fragments: dict[str, FragmentDefinitionNode] = {}
    for entry in entries:
        for relative in _fragment_files(directory, entry):
            try:
                document = parse(read_text(directory, relative))
            except GraphQLError as exc:
                raise RepositoryFileError(relative, f"not valid GraphQL ({exc.message})") from None
            for definition in document.definitions:
                if isinstance(definition, FragmentDefinitionNode):
                    fragments[definition.name.value] = definition
    return fragments


def with_fragments(text: str, fragments: dict[str, FragmentDefinitionNode], path: str) -> str:
    """`text` followed by the definitions of the shared fragments it needs."""
    try:
        document = parse(text)
    except GraphQLError as exc:
        raise RepositoryFileError(path, f"not valid GraphQL ({exc.message})") from None
    defined = {
        definition.name.value
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    needed: list[str] = []
    pending = sorted(_spreads(document) - defined)
    while pending:
        name = pending.pop(0)
        if name in needed:
            continue
        if name not in fragments:
            raise RepositoryFileError(path, f"the fragment {name} is not defined in graphql_fragments")
        needed.append(name)
        pending.extend(sorted(_spreads(fragments[name]) - defined - set(needed)))
    if not needed:
        return text
    return "\n\n".join([text.rstrip(), *(print_ast(fragments[name]) for name in sorted(needed))]) + "\n"
