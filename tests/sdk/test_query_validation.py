"""Queries are checked against the GraphQL schema Infrahub 1.11.9 serves (golden SDL)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import GraphQLSchema

from infrahub_sdk.exceptions import GraphQLQueryError, QuerySyntaxError
from infrahub_sdk.graphql.validation import QueryValidationError, build_branch_schema, check_query


@pytest.fixture(scope="module")
def network_schema() -> GraphQLSchema:
    golden = (
        Path(__file__).resolve().parents[3] / "shared" / "reference" / "golden" / "network.schema.graphql"
    )
    if not golden.is_file():
        pytest.fail(f"golden SDL not found at {golden}")
    return build_branch_schema(golden.read_text())


def test_a_valid_query_passes(network_schema: GraphQLSchema) -> None:
    check_query(
        network_schema,
        'query { NetDevice(name__value: "r1") { count edges { node { id name { value } site { node { id } } } } } }',
    )


def test_unknown_fields_are_reported_with_their_position(network_schema: GraphQLSchema) -> None:
    query = "query {\n  NetDevice {\n    edges { node { id hostname { value } } }\n  }\n}"
    with pytest.raises(QueryValidationError) as caught:
        check_query(network_schema, query)
    assert caught.value.errors == [
        "line 3, column 23: Cannot query field 'hostname' on type 'NetDevice'. Did you mean 'name'?"
    ]
    assert isinstance(caught.value, GraphQLQueryError)


def test_syntax_errors_are_reported_with_their_position(network_schema: GraphQLSchema) -> None:
    with pytest.raises(
        QuerySyntaxError, match=re.escape("line 1, column 21: Syntax Error: Expected Name, found <EOF>.")
    ):
        check_query(network_schema, "query { NetDevice { ")
