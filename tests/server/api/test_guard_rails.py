"""Bad requests get a 4xx that says what is wrong: never a 500, never a traceback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace

import httpx
import pytest
from starlette.applications import Starlette

from infrahub_server.app import create_app
from infrahub_server.settings import Settings

Serve = Callable[[Starlette], AbstractAsyncContextManager[httpx.AsyncClient]]
ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}
JSON_ROUTES = ["/api/auth/login", "/api/schema/load", "/api/schema/check"]
GRAPHQL_ROUTES = ["/graphql", "/graphql/main"]


@pytest.fixture
async def small_client(server_settings: Settings, serve: Serve) -> AsyncIterator[httpx.AsyncClient]:
    async with serve(create_app(replace(server_settings, max_request_body_bytes=1000))) as client:
        yield client


def _message(response: httpx.Response) -> str:
    message: str = response.json()["errors"][0]["message"]
    return message


@pytest.mark.parametrize("path", JSON_ROUTES + GRAPHQL_ROUTES)
async def test_malformed_json_is_a_400_naming_the_position(client: httpx.AsyncClient, path: str) -> None:
    response = await client.post(
        path, content=b'{"schemas": [', headers={**ADMIN, "Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert _message(response).startswith("Malformed JSON body: ")
    assert "line 1 column" in _message(response)


@pytest.mark.parametrize("path", JSON_ROUTES + GRAPHQL_ROUTES)
async def test_a_body_that_is_not_json_is_a_415(client: httpx.AsyncClient, path: str) -> None:
    response = await client.post(
        path, content=b"username=admin", headers={**ADMIN, "Content-Type": "text/plain"}
    )

    assert response.status_code == 415
    assert _message(response) == "Content-Type must be application/json, got text/plain"


@pytest.mark.parametrize("path", JSON_ROUTES + GRAPHQL_ROUTES)
async def test_an_empty_body_is_a_400(client: httpx.AsyncClient, path: str) -> None:
    response = await client.post(path, content=b"", headers={**ADMIN, "Content-Type": "application/json"})

    assert response.status_code == 400
    assert _message(response) == "Request body is empty; a JSON document is expected"


async def test_graphql_refusals_use_the_graphql_error_shape(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql/main", content=b"{", headers={"Content-Type": "application/json"})

    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "Malformed JSON body: unexpected end of data: line 1 column 2 (char 1)",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ],
    }


@pytest.mark.parametrize("path", ["/api/auth/login", "/graphql/main"])
async def test_a_declared_oversized_body_is_a_413(small_client: httpx.AsyncClient, path: str) -> None:
    response = await small_client.post(path, json={"query": "x" * 2000}, headers=ADMIN)

    assert response.status_code == 413
    assert _message(response) == "Request body is larger than the limit of 1000 bytes"


async def test_a_streamed_oversized_body_is_a_413(small_client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b" " * 200

    response = await small_client.post(
        "/api/schema/load", content=chunks(), headers={**ADMIN, "Content-Type": "application/json"}
    )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {"code": 413}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([{"query": "{ a }"}, {"query": "{ b }"}], "This server does not support batching"),
        ({"variables": {}}, "No GraphQL query found in the request"),
        ({"query": "{ a }", "variables": [1]}, "'variables' must be a JSON object"),
        ({"query": "{ a }", "operationName": 3}, "'operationName' must be a string"),
        ("query", "The GraphQL request must be a JSON object with a 'query'"),
    ],
    ids=["batch", "no-query", "variables-list", "operation-name-number", "string-body"],
)
async def test_graphql_bodies_that_are_not_one_operation_are_a_400(
    client: httpx.AsyncClient, body: object, message: str
) -> None:
    response = await client.post("/graphql/main", json=body, headers=ADMIN)

    assert response.status_code == 400
    assert _message(response) == message


@pytest.mark.parametrize("body", [[], "schemas", {"schema": []}, {"schemas": {"nodes": []}}])
async def test_schema_bodies_of_the_wrong_shape_are_a_422(client: httpx.AsyncClient, body: object) -> None:
    response = await client.post("/api/schema/load", json=body, headers=ADMIN)

    assert response.status_code == 422
    [detail] = response.json()["detail"]
    assert detail["loc"] == ["body", "schemas"]


async def test_an_invalid_at_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql/main?at=yesterday-ish", json={"query": "{ a }"}, headers=ADMIN)

    assert response.status_code == 400
    assert "Invalid value for 'at'" in _message(response)


async def test_a_json_body_without_content_type_is_read_as_json(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/auth/login", content=b'{"username": "admin", "password": "infrahub"}')

    assert response.status_code == 200
    assert set(response.json()) == {"access_token", "refresh_token"}


async def test_deeply_nested_json_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql/main", content=b"[" * 5000 + b"]" * 5000, headers=ADMIN)

    assert response.status_code == 400
    assert _message(response).startswith("Malformed JSON body")


ODD_BODIES = [
    b"null",
    b"[]",
    b"{}",
    b"\xff\xfe\x00",
    b'"just a string"',
    b"1e999",
    b'{"schemas": null, "query": null}',
    b'{"query": 1, "schemas": [1, "x", null]}',
    b'{"username": [], "password": {}}',
    b'{"schemas": [{"version": "1.0", "nodes": [{"name": 5}]}]}',
]


@pytest.mark.parametrize("body", ODD_BODIES)
async def test_odd_bodies_never_cause_a_server_error(client: httpx.AsyncClient, body: bytes) -> None:
    for path in JSON_ROUTES + GRAPHQL_ROUTES + ["/api/auth/refresh", "/api/auth/logout"]:
        response = await client.post(
            path, content=body, headers={**ADMIN, "Content-Type": "application/json"}
        )

        assert response.status_code < 500, (path, response.text)
        assert "Traceback" not in response.text
        assert response.headers["content-type"] == "application/json"
