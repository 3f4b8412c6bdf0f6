"""`/api/query/{name_or_id}`: a stored query runs by name or id, GET parameters and POST bodies
become its variables, GraphQL errors are 502 and `update_group` records what the query returned."""

from __future__ import annotations

from typing import Any

import httpx

from tests.server.automation.conftest import ADMIN, Api


def _names(body: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"]["value"] for edge in body["data"]["BuiltinTag"]["edges"]]


async def test_get_runs_the_query_with_url_parameters_as_variables(
    api: Api, client: httpx.AsyncClient
) -> None:
    await api.tag("blue")
    await api.tag("red")
    query_id = await api.stored_query("tags")

    everything = await client.get("/api/query/tags")
    only_red = await client.get(f"/api/query/{query_id}?name=red")

    assert everything.status_code == 200
    assert sorted(_names(everything.json())) == ["blue", "red"]
    assert only_red.status_code == 200
    assert _names(only_red.json()) == ["red"]


async def test_post_takes_the_variables_from_the_body(api: Api, client: httpx.AsyncClient) -> None:
    await api.tag("blue")
    await api.tag("red")
    await api.stored_query("tags")

    response = await client.post(
        "/api/query/tags?branch=main&update_group=false&", json={"variables": {"name": "blue"}}, headers=ADMIN
    )

    assert response.status_code == 200
    assert _names(response.json()) == ["blue"]


async def test_get_parameters_are_converted_to_the_declared_types(
    api: Api, client: httpx.AsyncClient
) -> None:
    for name in ("a", "b", "c"):
        await api.tag(name)
    await api.stored_query(
        "first_tags",
        "query First($limit: Int!) { BuiltinTag(limit: $limit, order: {disable: false}) { count edges { node { name { value } } } } }",
    )

    response = await client.get("/api/query/first_tags?limit=2")

    assert response.status_code == 200, response.text
    assert len(response.json()["data"]["BuiltinTag"]["edges"]) == 2


async def test_graphql_errors_are_a_502_with_the_errors(api: Api, client: httpx.AsyncClient) -> None:
    await api.stored_query(
        "needs_limit", "query Limited($limit: Int!) { BuiltinTag(limit: $limit) { count } }"
    )

    response = await client.get("/api/query/needs_limit")

    assert response.status_code == 502
    errors = response.json()["errors"]
    assert "limit" in errors[0]["message"]


async def test_unknown_query_and_branch_are_refused(api: Api, client: httpx.AsyncClient) -> None:
    await api.stored_query("tags")

    missing = await client.get("/api/query/nothing")
    bad_branch = await client.get("/api/query/tags?branch=nowhere")

    assert missing.status_code == 404
    assert missing.json()["errors"][0]["extensions"]["code"] == 404
    assert bad_branch.status_code == 400


async def test_post_and_update_group_need_credentials(api: Api, client: httpx.AsyncClient) -> None:
    await api.stored_query("tags")

    post = await client.post("/api/query/tags", json={"variables": {}})
    grouping = await client.get("/api/query/tags?update_group=true")

    assert post.status_code == 401
    assert grouping.status_code == 401


async def test_update_group_records_the_returned_nodes_and_subscribers(
    api: Api, client: httpx.AsyncClient
) -> None:
    blue, red = await api.tag("blue"), await api.tag("red")
    subscriber = await api.tag("watcher")
    await api.stored_query("tags")

    first = await client.get(
        f"/api/query/tags?update_group=true&name=blue&subscribers={subscriber}", headers=ADMIN
    )
    after_first = await api.graphql(
        "{ CoreGraphQLQueryGroup { edges { node { members { edges { node { id } } } } } } }"
    )
    await api.graphql(
        'mutation Rename($id: String!) { BuiltinTagUpdate(data: {id: $id, name: {value: "navy"}}) { ok } }',
        {"id": blue},
    )
    again = await client.get("/api/query/tags?update_group=true&name=blue", headers=ADMIN)
    groups = await api.graphql(
        "{ CoreGraphQLQueryGroup { edges { node { name { value } parameters { value } query { node { id } }"
        " members { edges { node { id } } } subscribers { edges { node { id } } } } } } }"
    )

    assert first.status_code == 200
    assert again.status_code == 200
    (first_group,) = after_first["data"]["CoreGraphQLQueryGroup"]["edges"]
    assert [edge["node"]["id"] for edge in first_group["node"]["members"]["edges"]] == [blue]
    assert _names(again.json()) == []
    (group,) = [edge["node"] for edge in groups["data"]["CoreGraphQLQueryGroup"]["edges"]]
    assert group["name"]["value"].startswith("tags__")
    assert group["parameters"]["value"] == {"name": "blue"}
    assert group["members"]["edges"] == []
    assert [edge["node"]["id"] for edge in group["subscribers"]["edges"]] == [subscriber]
    assert red not in str(groups)


async def test_a_stored_mutation_runs_on_post_only(api: Api, client: httpx.AsyncClient) -> None:
    await api.stored_query("tags")
    await api.stored_query(
        "add_tag", "mutation Add($name: String!) { BuiltinTagCreate(data: {name: {value: $name}}) { ok } }"
    )

    get = await client.get("/api/query/add_tag?name=green", headers=ADMIN)
    post = await client.post("/api/query/add_tag", json={"variables": {"name": "green"}}, headers=ADMIN)
    tags = await client.get("/api/query/tags")

    assert get.status_code == 405
    assert get.json()["errors"][0]["message"] == "The stored query 'add_tag' is a mutation: send it with POST"
    assert post.json() == {"data": {"BuiltinTagCreate": {"ok": True}}}
    assert _names(tags.json()) == ["green"]
