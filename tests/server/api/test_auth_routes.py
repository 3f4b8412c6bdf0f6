"""Login, refresh and logout; the credentials a request may carry, and what anonymous may do."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import anyio
import httpx
import jwt
import pytest
from starlette.applications import Starlette

from infrahub_server.api.context import ServerContext
from infrahub_server.app import create_app
from infrahub_server.auth.jwt_tokens import encode_token
from infrahub_server.nodes import NodeService
from infrahub_server.settings import Settings

Serve = Callable[[Starlette], AbstractAsyncContextManager[httpx.AsyncClient]]

ADMIN_TOKEN = "06438eb2-8019-4776-878c-0941b1f1d1ec"
LOGIN = {"username": "admin", "password": "infrahub"}


def _envelope(message: str, code: int) -> dict[str, object]:
    return {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}


def _server(app: Starlette) -> ServerContext:
    context: ServerContext = app.state.server
    return context


async def _login(client: httpx.AsyncClient) -> dict[str, str]:
    response = await client.post("/api/auth/login", json=LOGIN)
    assert response.status_code == 200, response.text
    client.cookies.clear()
    tokens: dict[str, str] = response.json()
    return tokens


async def test_login_returns_access_and_refresh_jwts_and_sets_cookies(
    client: httpx.AsyncClient, app: Starlette
) -> None:
    response = await client.post("/api/auth/login", json=LOGIN)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "refresh_token"}
    claims = jwt.decode(body["access_token"], _server(app).secret_key, algorithms=["HS256"])
    assert set(claims) == {"sub", "iat", "nbf", "exp", "fresh", "type", "session_id"}
    assert claims["type"] == "access"
    assert claims["exp"] - claims["iat"] == 3600
    assert _server(app).accounts.get(claims["sub"]).name == "admin"  # type: ignore[union-attr]
    cookies = response.headers.get_list("set-cookie")
    assert any(cookie.startswith("access_token=") and "HttpOnly" in cookie for cookie in cookies)
    assert any(cookie.startswith("refresh_token=") and "HttpOnly" in cookie for cookie in cookies)


@pytest.mark.parametrize(
    ("credentials", "status", "message"),
    [
        ({"username": "nobody", "password": "infrahub"}, 404, "That login user doesn't exist in the system"),
        ({"username": "admin", "password": "wrong"}, 401, "Incorrect password"),
        ({"username": "admin"}, 422, "password is required"),
        ({"username": "admin", "password": 12}, 422, "password must be a string"),
    ],
)
async def test_login_refusals(
    client: httpx.AsyncClient, credentials: dict[str, object], status: int, message: str
) -> None:
    response = await client.post("/api/auth/login", json=credentials)

    assert response.status_code == status
    assert response.json() == _envelope(message, status)


async def test_an_inactive_account_cannot_log_in_or_use_its_tokens(
    client: httpx.AsyncClient, app: Starlette
) -> None:
    tokens = await _login(client)
    context = _server(app)
    admin = context.accounts.find_by_name("admin")
    assert admin is not None
    with context.store.change_set("main", actor_id=admin.id) as writer:
        schema = context.schemas.for_branch_name("main")
        NodeService(schema, writer).update("CoreAccount", {"id": admin.id, "status": {"value": "inactive"}})

    login = await client.post("/api/auth/login", json=LOGIN)
    by_token = await client.get("/api/info", headers={"X-INFRAHUB-KEY": ADMIN_TOKEN})
    by_jwt = await client.get("/api/info", headers={"Authorization": f"Bearer {tokens['access_token']}"})

    assert login.status_code == 401
    assert login.json() == _envelope("This account has been deactivated", 401)
    assert by_token.status_code == 401
    assert by_jwt.status_code == 401


async def test_an_access_token_authenticates_writes(client: httpx.AsyncClient) -> None:
    tokens = await _login(client)

    response = await client.post(
        "/api/schema/check",
        json={"schemas": []},
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
    )

    assert response.status_code == 202


async def test_the_access_token_cookie_authenticates_too(client: httpx.AsyncClient) -> None:
    tokens = await _login(client)
    client.cookies.set("access_token", tokens["access_token"])

    response = await client.post("/api/schema/check", json={"schemas": []})

    assert response.status_code == 202


async def test_refresh_gives_a_new_access_token_for_the_same_session(
    client: httpx.AsyncClient, app: Starlette
) -> None:
    tokens = await _login(client)

    response = await client.post(
        "/api/auth/refresh", headers={"Authorization": f"Bearer {tokens['refresh_token']}"}
    )

    assert response.status_code == 200
    assert set(response.json()) == {"access_token"}
    key = _server(app).secret_key
    new_claims = jwt.decode(response.json()["access_token"], key, algorithms=["HS256"])
    old_claims = jwt.decode(tokens["access_token"], key, algorithms=["HS256"])
    assert (new_claims["type"], new_claims["session_id"]) == ("access", old_claims["session_id"])


async def test_an_access_token_cannot_refresh(client: httpx.AsyncClient) -> None:
    tokens = await _login(client)

    response = await client.post(
        "/api/auth/refresh", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )

    assert response.status_code == 401
    assert response.json() == _envelope("Invalid token", 401)


async def test_logout_revokes_the_session(client: httpx.AsyncClient) -> None:
    tokens = await _login(client)
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}

    logout = await client.post("/api/auth/logout", headers=bearer)
    refresh = await client.post(
        "/api/auth/refresh", headers={"Authorization": f"Bearer {tokens['refresh_token']}"}
    )
    reuse = await client.post("/api/schema/check", json={"schemas": []}, headers=bearer)

    assert logout.status_code == 200
    assert refresh.status_code == 401
    assert reuse.status_code == 401
    assert reuse.json() == _envelope("Invalid token", 401)


async def test_an_expired_access_token_says_expired_signature(
    client: httpx.AsyncClient, app: Starlette
) -> None:
    tokens = await _login(client)
    session_id = jwt.decode(tokens["access_token"], options={"verify_signature": False})["session_id"]
    admin = _server(app).accounts.find_by_name("admin")
    assert admin is not None
    expired = encode_token(
        _server(app).secret_key,
        account_id=admin.id,
        session_id=session_id,
        token_type="access",
        lifetime=timedelta(hours=1),
        now=datetime.now(UTC) - timedelta(hours=2),
    )

    response = await client.get("/api/info", headers={"Authorization": f"Bearer {expired}"})

    assert response.status_code == 401
    assert response.json() == _envelope("Expired Signature", 401)


@pytest.mark.parametrize(
    "headers",
    [{"Authorization": "Bearer not-a-jwt"}, {"X-INFRAHUB-KEY": "06438eb2-0000-0000-0000-000000000000"}],
    ids=["jwt", "api-token"],
)
async def test_a_bad_credential_is_refused_even_for_reads(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await client.get("/api/schema/summary", headers=headers)

    assert response.status_code == 401
    assert response.json() == _envelope("Invalid token", 401)


async def test_the_api_token_wins_over_a_jwt_in_the_same_request(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/schema/check",
        json={"schemas": []},
        headers={"X-INFRAHUB-KEY": ADMIN_TOKEN, "Authorization": "Bearer not-a-jwt"},
    )

    assert response.status_code == 202


async def test_anonymous_callers_read_but_never_write(client: httpx.AsyncClient) -> None:
    read = await client.get("/api/schema/summary")
    write = await client.post("/api/schema/load", json={"schemas": []})
    logout = await client.post("/api/auth/logout")

    assert read.status_code == 200
    assert write.status_code == 401
    assert write.json() == _envelope("Authentication is required", 401)
    assert logout.status_code == 401


async def test_an_access_token_expires_after_its_lifetime_and_refresh_renews_it(
    server_settings: Settings, serve: Serve
) -> None:
    async with serve(create_app(replace(server_settings, access_token_lifetime=1))) as client:
        tokens = await _login(client)
        await anyio.sleep(2.1)
        expired = await client.get("/api/info", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        renewed = await client.post(
            "/api/auth/refresh", headers={"Authorization": f"Bearer {tokens['refresh_token']}"}
        )
        again = await client.get(
            "/api/info", headers={"Authorization": f"Bearer {renewed.json()['access_token']}"}
        )

    assert expired.status_code == 401
    assert expired.json() == _envelope("Expired Signature", 401)
    assert renewed.status_code == 200
    assert again.status_code == 200
