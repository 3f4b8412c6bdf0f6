"""`/api/config`, `/api/info`, `/metrics`, and what any other path answers."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace

import httpx
from starlette.applications import Starlette

from infrahub_server.app import create_app
from infrahub_server.settings import Settings

Serve = Callable[[Starlette], AbstractAsyncContextManager[httpx.AsyncClient]]


async def test_config_tells_clients_how_the_server_is_set_up(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/config")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "main",
        "logging",
        "analytics",
        "experimental_features",
        "sso",
        "ldap",
        "installation_type",
        "policy",
    }
    assert body["main"]["allow_anonymous_access"] is True
    assert body["main"]["anonymous_access_role"] == "Anonymous User"
    assert body["sso"] == {"providers": [], "enabled": False}
    assert body["installation_type"] == "community"
    assert body["policy"] == {
        "required_proposed_change_approvals": 0,
        "revoke_proposed_change_approvals": False,
    }


async def test_info_reports_the_protocol_version_and_a_lasting_deployment_id(
    app: Starlette, server_settings: Settings, serve: Serve
) -> None:
    async with serve(app) as client:
        first = (await client.get("/api/info")).json()
    async with serve(create_app(server_settings)) as client:
        again = (await client.get("/api/info")).json()

    assert first["version"] == "1.11.9"
    assert uuid.UUID(first["deployment_id"])
    assert again == first


async def test_info_needs_credentials_when_anonymous_access_is_off(
    server_settings: Settings, serve: Serve
) -> None:
    closed = replace(server_settings, allow_anonymous_access=False)

    async with serve(create_app(closed)) as client:
        anonymous = await client.get("/api/info")
        with_token = await client.get(
            "/api/info", headers={"X-INFRAHUB-KEY": closed.initial_admin_token or ""}
        )
        config = await client.get("/api/config")

    assert anonymous.status_code == 401
    assert anonymous.json() == {
        "data": None,
        "errors": [{"message": "Authentication is required", "extensions": {"code": 401}}],
    }
    assert with_token.status_code == 200
    assert config.json()["main"]["allow_anonymous_access"] is False


async def test_metrics_count_answered_requests(client: httpx.AsyncClient) -> None:
    await client.get("/api/info")
    await client.get("/api/nowhere")

    response = await client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'infrahub_info{version="1.11.9"} 1' in response.text
    assert 'infrahub_requests_total{method="GET",status_code="200"} 1' in response.text
    assert 'infrahub_requests_total{method="GET",status_code="404"} 1' in response.text


async def test_unknown_paths_and_methods_answer_in_the_rest_envelope(client: httpx.AsyncClient) -> None:
    unknown = await client.get("/api/does-not-exist")
    wrong_method = await client.delete("/api/info")
    outside_api = await client.get("/nowhere")

    assert unknown.status_code == 404
    assert unknown.json() == {"data": None, "errors": [{"message": "Not Found", "extensions": {"code": 404}}]}
    assert wrong_method.status_code == 405
    assert wrong_method.json()["errors"][0]["extensions"] == {"code": 405}
    assert outside_api.status_code == 404
    assert outside_api.json()["errors"][0]["message"] == "Not Found"
