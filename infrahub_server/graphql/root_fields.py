"""Root query and mutation fields that other parts of the server answer (tasks, stored queries,
artefacts, proposed changes...): each registers its handlers here instead of editing the dispatch
in `queries` and `mutations`.

A module listed in `EXTENSION_MODULES` is imported once, the first time a root field is looked up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphql import FieldNode

    from infrahub_server.graphql.context import GraphQLContext
    from infrahub_server.graphql.selection import Request
    from infrahub_server.store import Reader

QueryHandler = Callable[["GraphQLContext", "Request", "Reader", "list[FieldNode]", dict[str, Any]], Any]
MutationHandler = Callable[["GraphQLContext", "Request", "list[FieldNode]", dict[str, Any]], dict[str, Any]]

EXTENSION_MODULES: tuple[str, ...] = (
    "infrahub_server.generator_runs.graphql_fields",
    "infrahub_server.tasks.graphql_fields",
    "infrahub_server.auth.token_fields",
    "infrahub_server.repositories.graphql_fields",
    "infrahub_server.proposed_changes.graphql_fields",
    "infrahub_server.ipam.graphql_fields",
)

_QUERY_FIELDS: dict[str, QueryHandler] = {}
_MUTATION_FIELDS: dict[str, MutationHandler] = {}
_loaded = False


def query_field(name: str) -> Callable[[QueryHandler], QueryHandler]:
    def register(handler: QueryHandler) -> QueryHandler:
        _QUERY_FIELDS[name] = handler
        return handler

    return register


def mutation_field(name: str) -> Callable[[MutationHandler], MutationHandler]:
    """The handler opens its own change set (or none) and returns the payload for the selection."""

    def register(handler: MutationHandler) -> MutationHandler:
        _MUTATION_FIELDS[name] = handler
        return handler

    return register


def _load_extensions() -> None:
    global _loaded
    if not _loaded:
        for module in EXTENSION_MODULES:
            importlib.import_module(module)
        _loaded = True


def query_handler(name: str) -> QueryHandler | None:
    _load_extensions()
    return _QUERY_FIELDS.get(name)


def mutation_handler(name: str) -> MutationHandler | None:
    _load_extensions()
    return _MUTATION_FIELDS.get(name)
