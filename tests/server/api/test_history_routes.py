"""`GET /api/history/{node_id}`: every change of one node, with who made it, where and when."""

from __future__ import annotations

import httpx

ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}


async def _graphql(client: httpx.AsyncClient, query: str, branch: str = "main") -> dict:
    response = await client.post(f"/graphql/{branch}", json={"query": query}, headers=ADMIN)
    body = response.json()
    assert not body.get("errors"), body
    return body["data"]


async def test_history_names_actor_branch_field_and_values(client: httpx.AsyncClient) -> None:
    created = await _graphql(
        client, 'mutation { BuiltinTagCreate(data: {name: {value: "red"}}) { object { id } } }'
    )
    tag = created["BuiltinTagCreate"]["object"]["id"]
    await _graphql(client, 'mutation { BranchCreate(data: {name: "paint"}) { ok } }')
    await _graphql(
        client,
        f'mutation {{ BuiltinTagUpdate(data: {{id: "{tag}", description: {{value: "warm"}}}}) {{ ok }} }}',
        branch="paint",
    )
    admin = (await _graphql(client, "{ AccountProfile { id } }"))["AccountProfile"]["id"]

    response = await client.get(f"/api/history/{tag}")

    assert response.status_code == 200
    changes = response.json()["changes"]
    described = [change for change in changes if change["field"] == "description"]
    assert [(c["branch"], c["action"], c["new_value"]) for c in described][-1] == ("paint", "UPDATED", "warm")
    assert {change["actor_id"] for change in changes} == {admin}
    assert changes[0]["at"].endswith("Z")
    on_branch = (await client.get(f"/api/history/{tag}", params={"branch": "paint"})).json()["changes"]
    assert {change["branch"] for change in on_branch} == {"paint"}


async def test_history_of_an_unknown_node_is_a_404_in_the_rest_envelope(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/history/17e0a8f4-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert "17e0a8f4-0000-0000-0000-000000000000" in response.json()["errors"][0]["message"]
