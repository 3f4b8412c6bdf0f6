"""Stored queries: run a `CoreGraphQLQuery` by name or id on a branch, and record what it returned.

The query runs through the server's one GraphQL executor (`execute_graphql_sync`), so a stored query
answers exactly what the same text sent to `/graphql/{branch}` would.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson
from graphql import (
    FieldNode,
    GraphQLError,
    NameNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Visitor,
    parse,
    print_ast,
    visit,
)

from infrahub_server.automation.lookup import attribute_value, find_named_node
from infrahub_server.errors import InfrahubError
from infrahub_server.graphql.context import GraphQLContext, QueryLimits
from infrahub_server.graphql.execution import execute_graphql_sync
from infrahub_server.nodes import NodeService
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Reader, Snapshot

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext

QUERY_KIND = "CoreGraphQLQuery"
QUERY_GROUP_KIND = "CoreGraphQLQueryGroup"


class StoredQueryError(InfrahubError):
    """The stored query ran and GraphQL answered with errors (`errors`, in the GraphQL shape)."""

    code = "STORED_QUERY_ERROR"
    http_status = 502

    def __init__(self, name: str, errors: list[dict[str, Any]], data: Any = None) -> None:
        messages = "; ".join(str(error.get("message")) for error in errors)
        super().__init__(f"The stored query {name!r} failed: {messages}", data={"errors": errors})
        self.errors = errors
        self.partial_data = data


@dataclass(frozen=True, slots=True)
class StoredQuery:
    id: str
    name: str
    text: str


def find_stored_query(reader: Reader, schema: SchemaBranch, name_or_id: str) -> StoredQuery:
    """The `CoreGraphQLQuery` named `name_or_id` (or with that id); NodeNotFoundError otherwise."""
    record = find_named_node(reader, schema, QUERY_KIND, name_or_id, ["name", "query"])
    return StoredQuery(record.id, str(attribute_value(record, "name")), str(attribute_value(record, "query")))


def graphql_context(
    server: ServerContext,
    branch: str,
    *,
    account_id: str | None,
    at: datetime | None = None,
    allow_writes: bool | None = None,
) -> GraphQLContext:
    """A GraphQL context on `branch` for `account_id` (None: anonymous). Mutations are allowed to
    an account unless `allow_writes` is False."""
    settings = server.settings
    return GraphQLContext(
        store=server.store,
        branch=branch,
        schema=server.schemas.for_branch_name(branch),
        at=at,
        account_id=account_id,
        allow_writes=account_id is not None and allow_writes is not False,
        deployment_id=server.deployment_id,
        limits=QueryLimits(max_depth=settings.graphql_max_depth, max_fields=settings.graphql_max_fields),
        settings=settings,
    )


def execute_stored_query(
    context: GraphQLContext, query: StoredQuery, variables: dict[str, Any]
) -> dict[str, Any]:
    """The `data` of `query` run in `context`; StoredQueryError when GraphQL reports errors."""
    _, body = execute_graphql_sync(context, query.text, variables, None)
    answer = orjson.loads(body)
    if answer.get("errors"):
        raise StoredQueryError(query.name, answer["errors"], answer.get("data"))
    data: dict[str, Any] = answer.get("data") or {}
    return data


def run_stored_query(
    server: ServerContext,
    name_or_id: str,
    *,
    branch: str,
    variables: dict[str, Any],
    account_id: str | None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """Run the stored query `name_or_id` on `branch` (as of `at`) with `variables`; its GraphQL `data`.

    Blocking (database reads): call it from a worker thread. Raises NodeNotFoundError for an unknown
    query, BranchNotFoundError for an unknown branch, StoredQueryError for GraphQL errors.
    """
    context = graphql_context(server, branch, account_id=account_id, at=at)
    with server.store.reader(Snapshot(branch, at)) as reader:
        query = find_stored_query(reader, context.schema, name_or_id)
    return execute_stored_query(context, query, variables)


def is_mutation(query: StoredQuery) -> bool:
    try:
        document = parse(query.text)
    except GraphQLError:
        return False
    return any(
        isinstance(d, OperationDefinitionNode) and d.operation == OperationType.MUTATION
        for d in document.definitions
    )


def returned_ids(data: Any) -> Iterator[str]:
    """Every string `id` in a query result, wherever it is nested."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield value
            else:
                yield from returned_ids(value)
    elif isinstance(data, list):
        for item in data:
            yield from returned_ids(item)


class _NodeIds(Visitor):
    def enter_field(self, node: FieldNode, *_: Any) -> FieldNode | None:
        selection = node.selection_set
        if node.name.value != "node" or selection is None:
            return None
        if any(
            isinstance(item, FieldNode) and item.name.value == "id" and item.alias is None
            for item in selection.selections
        ):
            return None
        ids = FieldNode(name=NameNode(value="id"), arguments=(), directives=())
        return FieldNode(
            alias=node.alias,
            name=node.name,
            arguments=node.arguments,
            directives=node.directives,
            selection_set=SelectionSetNode(selections=(ids, *selection.selections)),
        )


def with_node_ids(text: str) -> str:
    """The query with `id` selected on every `node { ... }`, so `returned_ids` sees every node the
    answer was built from even when the author did not ask for ids (an artefact's read set)."""
    return print_ast(visit(parse(text), _NodeIds()))


def parameters_hash(variables: dict[str, Any]) -> str:
    """The SDK's `dict_hash`: the group of one query and one set of parameters has a stable name."""
    return hashlib.md5(json.dumps(variables, sort_keys=True).encode(), usedforsecurity=False).hexdigest()


def update_query_group(
    server: ServerContext,
    name_or_id: str,
    *,
    branch: str,
    variables: dict[str, Any],
    data: dict[str, Any],
    subscribers: Sequence[str],
    account_id: str | None,
) -> str:
    """Create or update the `CoreGraphQLQueryGroup` `<query>__<hash of variables>` so that its members
    are exactly the nodes in `data`, and add `subscribers`; returns the group's id."""
    schema = server.schemas.for_branch_name(branch)
    with server.store.change_set(branch, actor_id=account_id) as writer:
        query = find_stored_query(writer, schema, name_or_id)
        candidates = list(dict.fromkeys(returned_ids(data)))
        known = writer.kinds_of(candidates)
        members = [node_id for node_id in candidates if node_id in known]
        service = NodeService(schema, writer)
        group_id, _ = service.upsert(
            QUERY_GROUP_KIND,
            {
                "name": {"value": f"{query.name}__{parameters_hash(variables)}"},
                "parameters": {"value": variables},
                "query": {"id": query.id},
                "members": [{"id": node_id} for node_id in members],
            },
        )
        if subscribers:
            service.relationship_add(group_id, "subscribers", [{"id": s} for s in subscribers])
    return group_id
