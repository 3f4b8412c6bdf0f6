"""Request-level behaviour: syntax and variable errors, operation selection, unsupported fields."""

from __future__ import annotations

from graphql_harness import GraphQLHarness


def test_syntax_error(gql: GraphQLHarness) -> None:
    status, body = gql.run("{ NetDevice { count ")
    assert status == 200
    assert body["data"] is None
    assert body["errors"][0]["message"].startswith("Syntax Error")
    assert body["errors"][0]["locations"] == [{"line": 1, "column": 21}]


def test_variable_of_the_wrong_type(gql: GraphQLHarness) -> None:
    status, body = gql.run("query Q($limit: Int) { NetDevice(limit: $limit) { count } }", {"limit": "ten"})
    assert status == 200
    assert body["data"] is None
    assert "$limit" in body["errors"][0]["message"]


def test_operation_name_selects_the_operation(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = "query Sites { NetSite { count } } query Devices { NetDevice { count } }"
    assert gql.run(query, operation_name="Devices") == (200, {"data": {"NetDevice": {"count": 3}}})
    assert gql.run(query) == (
        200,
        {
            "data": None,
            "errors": [{"message": "Must provide operation name if query contains multiple operations."}],
        },
    )


def test_unsupported_root_field_is_an_error_not_a_crash(gql: GraphQLHarness, network: dict[str, str]) -> None:
    status, body = gql.run('{ InfrahubSearchAnywhere(q: "atl1") { count } NetSite { count } }')
    assert status == 200
    assert body["data"] == {"InfrahubSearchAnywhere": None, "NetSite": {"count": 2}}
    assert body["errors"][0]["path"] == ["InfrahubSearchAnywhere"]
    assert (
        body["errors"][0]["message"]
        == "The query field InfrahubSearchAnywhere is not supported by this server yet"
    )
