"""Run GraphQL requests against a real store the way the HTTP route will: through `execute_graphql`."""

from __future__ import annotations

from typing import Any

import anyio
import orjson
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse

from infrahub_server.graphql import GraphQLContext, QueryLimits, execute_graphql
from infrahub_server.graphql.node_resolver import NodeResolver
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Store


class GraphQLHarness:
    def __init__(self, store: Store, schema: SchemaBranch) -> None:
        self.store = store
        self.schema = schema
        self.compare_paths = True
        """Run every read on both list paths and assert the same answer (off where statements are counted)."""

    def context(self, **overrides: Any) -> GraphQLContext:
        values: dict[str, Any] = {
            "store": self.store,
            "branch": "main",
            "schema": self.schema,
            "allow_writes": True,
            "deployment_id": "test-deployment",
            "limits": QueryLimits(),
        }
        values.update(overrides)
        return GraphQLContext(**values)

    def run(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        operation_name: str | None = None,
        **overrides: Any,
    ) -> tuple[int, dict[str, Any]]:
        context = self.context(**overrides)
        compare = self.compare_paths and _reads_only(query)
        if compare:
            # The differential check: every read of the suite answers the same on both list paths.
            NodeResolver.compiled_lists = False
            try:
                reference = anyio.run(execute_graphql, context, query, variables, operation_name)
            finally:
                NodeResolver.compiled_lists = True
        status, body = anyio.run(execute_graphql, context, query, variables, operation_name)
        if compare:
            assert (status, orjson.loads(body)) == (reference[0], orjson.loads(reference[1])), query
        return status, orjson.loads(body)

    def data(self, query: str, variables: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
        """The `data` of a request that must succeed without errors."""
        status, body = self.run(query, variables, **overrides)
        assert status == 200, body
        assert "errors" not in body, body["errors"]
        return body["data"]

    def create(self, kind: str, data_literal: str) -> str:
        result = self.data(f"mutation {{ {kind}Create(data: {data_literal}) {{ ok object {{ id }} }} }}")
        return result[f"{kind}Create"]["object"]["id"]


def _reads_only(query: str) -> bool:
    """A document whose operations are all queries (nothing written between the two runs)."""
    try:
        document = parse(query)
    except GraphQLError:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return bool(operations) and all(op.operation == OperationType.QUERY for op in operations)
