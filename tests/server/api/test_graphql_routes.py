"""`POST /graphql[/{branch}]`: branches, credentials and anonymous access around execution."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace

import httpx
import pytest
from starlette.applications import Starlette

from infrahub_server.app import create_app
from infrahub_server.settings import Settings

Serve = Callable[[Starlette], AbstractAsyncContextManager[httpx.AsyncClient]]
ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}
CREATE_TAG = 'mutation { BuiltinTagCreate(data: {name: {value: "red"}}) { ok object { id } } }'
COUNT_TAGS = "{ BuiltinTag { count } }"


@pytest.mark.parametrize("path", ["/graphql", "/graphql/main"])
async def test_a_query_runs_on_the_default_branch(client: httpx.AsyncClient, path: str) -> None:
    response = await client.post(path, json={"query": "{ InfrahubInfo { version } }"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"data": {"InfrahubInfo": {"version": "1.11.9"}}}


@pytest.mark.parametrize("branch", ["feature", "feature/with-slash"])
async def test_an_unknown_branch_is_a_404_with_plain_string_errors(
    client: httpx.AsyncClient, branch: str
) -> None:
    response = await client.post(f"/graphql/{branch}", json={"query": COUNT_TAGS}, headers=ADMIN)

    assert response.status_code == 404
    assert response.json() == {"errors": [f"Branch: {branch} not found."]}


async def test_credentials_make_the_caller_the_author_of_writes(client: httpx.AsyncClient) -> None:
    created = await client.post("/graphql/main", json={"query": CREATE_TAG}, headers=ADMIN)
    profile = await client.post("/graphql/main", json={"query": "{ AccountProfile { id } }"}, headers=ADMIN)
    tags = await client.post(
        "/graphql/main",
        json={"query": "{ BuiltinTag { edges { node { name { value updated_by { id } } } } } }"},
    )

    assert created.json()["data"]["BuiltinTagCreate"]["ok"] is True
    [edge] = tags.json()["data"]["BuiltinTag"]["edges"]
    assert edge["node"]["name"] == {
        "value": "red",
        "updated_by": {"id": profile.json()["data"]["AccountProfile"]["id"]},
    }


async def test_anonymous_callers_query_but_cannot_mutate(client: httpx.AsyncClient) -> None:
    query = await client.post("/graphql/main", json={"query": COUNT_TAGS})
    mutation = await client.post("/graphql/main", json={"query": CREATE_TAG})
    after = await client.post("/graphql/main", json={"query": COUNT_TAGS})

    assert query.json() == {"data": {"BuiltinTag": {"count": 0}}}
    assert mutation.status_code == 401
    assert mutation.json()["errors"][0]["extensions"]["code"] == "AUTHENTICATION_REQUIRED"
    assert after.json() == {"data": {"BuiltinTag": {"count": 0}}}


async def test_without_anonymous_access_every_request_needs_credentials(
    server_settings: Settings, serve: Serve
) -> None:
    async with serve(create_app(replace(server_settings, allow_anonymous_access=False))) as client:
        anonymous = await client.post("/graphql/main", json={"query": COUNT_TAGS})
        admin = await client.post("/graphql/main", json={"query": COUNT_TAGS}, headers=ADMIN)

    assert anonymous.status_code == 401
    assert anonymous.json() == {
        "data": None,
        "errors": [
            {"message": "Authentication is required", "extensions": {"code": "AUTHENTICATION_REQUIRED"}}
        ],
    }
    assert admin.json() == {"data": {"BuiltinTag": {"count": 0}}}


async def test_a_bad_token_is_refused_in_the_graphql_shape(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql/main", json={"query": COUNT_TAGS}, headers={"Authorization": "Bearer not-a-jwt"}
    )

    assert response.status_code == 401
    assert response.json() == {
        "data": None,
        "errors": [{"message": "Invalid token", "extensions": {"code": "AUTHENTICATION_REQUIRED"}}],
    }


async def test_time_travel_reads_the_past(client: httpx.AsyncClient) -> None:
    await client.post("/graphql/main", json={"query": CREATE_TAG}, headers=ADMIN)

    past = await client.post("/graphql/main?at=2000-01-01T00:00:00Z", json={"query": COUNT_TAGS})
    now = await client.post("/graphql/main", json={"query": COUNT_TAGS})

    assert now.json() == {"data": {"BuiltinTag": {"count": 1}}}
    assert past.json() == {"data": {"BuiltinTag": {"count": 0}}}
