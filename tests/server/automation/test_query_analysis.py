"""A `CoreGraphQLQuery` is analysed when it is saved: one valid operation of the branch's schema,
described by its read-only attributes; anything else is refused naming `query`, writing nothing."""

from __future__ import annotations

from typing import Any

from tests.server.automation.conftest import TAGS_QUERY, Api

ANALYSIS = "{ CoreGraphQLQuery { edges { node { query { value } variables { value } operations { value } models { value } depth { value } height { value } } } } }"


async def _stored(api: Api) -> list[dict[str, Any]]:
    body = await api.graphql(ANALYSIS)
    return [
        {key: value["value"] for key, value in edge["node"].items()}
        for edge in body["data"]["CoreGraphQLQuery"]["edges"]
    ]


async def _refusal(api: Api, text: str) -> dict[str, Any]:
    body = await api.graphql(
        'mutation Create($text: String!) { CoreGraphQLQueryCreate(data: {name: {value: "bad"}, query: {value: $text}}) { ok } }',
        {"text": text},
    )
    (error,) = body["errors"]
    return error


async def test_saving_a_query_fills_its_analysis(api: Api) -> None:
    await api.stored_query("tags")

    assert await _stored(api) == [
        {
            "query": TAGS_QUERY,
            "variables": [
                {"name": "name", "type": "String", "required": False, "is_list": False, "default_value": None}
            ],
            "operations": ["query"],
            "models": ["BuiltinTag"],
            "depth": 5,
            "height": 6,
        }
    ]


async def test_fragments_and_relationships_count_in_the_analysis(api: Api) -> None:
    text = """
    query Groups($ids: [ID!]! = ["x"]) {
      CoreStandardGroup(ids: $ids) { edges { node { ...named members { edges { node { id } } } } } }
    }
    fragment named on CoreStandardGroup { name { value } }
    """
    await api.stored_query("groups", text)

    (stored,) = await _stored(api)
    assert stored["variables"] == [
        {"name": "ids", "type": "ID", "required": True, "is_list": True, "default_value": ["x"]}
    ]
    assert stored["models"] == ["CoreNode", "CoreStandardGroup"]
    assert (stored["depth"], stored["height"]) == (7, 9)


async def test_invalid_graphql_is_refused_naming_the_query_field(api: Api) -> None:
    error = await _refusal(api, "query { BuiltinTag { edges { node { id }")

    assert error["message"].startswith("query is not valid GraphQL: Syntax Error")
    assert error["message"].endswith("at query")
    assert error["extensions"]["data"]["field_name"] == "query"
    assert await _stored(api) == []


async def test_more_than_one_operation_is_refused(api: Api) -> None:
    error = await _refusal(api, "query A { BuiltinTag { count } } query B { BuiltinTag { count } }")

    assert error["message"] == "query must hold exactly one operation, it holds 2 at query"


async def test_a_query_the_schema_does_not_know_is_refused(api: Api) -> None:
    error = await _refusal(api, "query { InfraDevice { count } }")

    assert "query does not match the GraphQL schema: Cannot query field 'InfraDevice'" in error["message"]
    assert await _stored(api) == []


async def test_a_refused_update_keeps_the_query_and_its_analysis(api: Api) -> None:
    query_id = await api.stored_query("tags")
    before = await _stored(api)

    body = await api.graphql(
        'mutation Update($id: String!) { CoreGraphQLQueryUpdate(data: {id: $id, description: {value: "new"},'
        ' query: {value: "query { nope }"}}) { ok } }',
        {"id": query_id},
    )

    assert body["errors"][0]["extensions"]["data"]["field_name"] == "query"
    assert await _stored(api) == before


async def test_read_only_analysis_cannot_be_written(api: Api) -> None:
    body = await api.graphql(
        'mutation { CoreGraphQLQueryCreate(data: {name: {value: "x"}, query: {value: "query { BuiltinTag { count } }"}, depth: {value: 1}}) { ok } }'
    )

    assert body["errors"], body
    assert await _stored(api) == []
