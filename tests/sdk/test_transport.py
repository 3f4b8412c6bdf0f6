"""Transport-level behaviour through httpx.MockTransport: 429, connection errors, expired tokens."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from infrahub_sdk import Config, InfrahubClient, InfrahubClientSync
from infrahub_sdk._retry import parse_retry_after
from infrahub_sdk.exceptions import (
    AuthenticationError,
    GraphQLError,
    RateLimitError,
    ServerNotReachableError,
    URLNotFoundError,
)

VERSION = {"data": {"InfrahubInfo": {"version": "1.11.9"}}}
Handler = Callable[[httpx.Request], httpx.Response]


def token_client(handler: Handler, **options: object) -> InfrahubClient:
    config = Config(address="http://infrahub.test", api_token="secret", **options)
    return InfrahubClient(config=config, transport=httpx.MockTransport(handler))


async def test_token_and_tracker_headers_and_url() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, json={"data": {"InfrahubInfo": {"version": "1.11.9", "deployment_id": "d"}}}
        )

    client = token_client(handler, insert_tracker=True)
    info = await client.get_server_information()
    assert (info.version, info.deployment_id) == ("1.11.9", "d")
    (request,) = seen
    assert str(request.url) == "http://infrahub.test/graphql/main"
    assert request.headers["X-INFRAHUB-KEY"] == "secret"
    assert request.headers["X-Infrahub-Tracker"] == "query-server-info"
    assert json.loads(request.content) == {"query": "query { InfrahubInfo { version deployment_id }}"}


async def test_branch_is_url_quoted_and_at_is_normalised() -> None:
    urls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        return httpx.Response(200, json=VERSION)

    await token_client(handler).execute_graphql(
        "query { x }", branch_name="feat/a", at="2024-01-01T00:00:00Z"
    )
    assert urls == ["http://infrahub.test/graphql/feat%2Fa?at=2024-01-01T00%3A00%3A00.000000Z"]


async def test_429_is_retried_after_retry_after() -> None:
    answers = [httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(200, json=VERSION)]
    client = token_client(lambda request: answers.pop(0))
    assert await client.get_version() == "1.11.9"
    assert answers == []


async def test_429_past_the_budget_raises_rate_limit_error() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(429, headers={"Retry-After": "0"})

    with pytest.raises(RateLimitError) as caught:
        await token_client(handler, rate_limit_max_retries=2).get_version()
    assert len(calls) == 3
    assert caught.value.attempts == 3


def test_retry_after_forms() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None


async def test_connection_error_without_retry_raises_at_once() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(ServerNotReachableError, match=r"Unable to connect to 'http://infrahub\.test'"):
        await token_client(handler).get_version()


async def test_connection_error_is_retried_when_asked() -> None:
    failures = [httpx.ConnectError("refused")]

    def handler(request: httpx.Request) -> httpx.Response:
        if failures:
            raise failures.pop()
        return httpx.Response(200, json=VERSION)

    client = token_client(handler, retry_on_failure=True, retry_delay=1, retry_max_delay=1)
    assert await client.get_version() == "1.11.9"


async def test_error_statuses_and_graphql_errors() -> None:
    answers = [
        httpx.Response(401, json={"errors": [{"message": "Invalid token"}]}),
        httpx.Response(404, text="nope"),
        httpx.Response(200, json={"data": None, "errors": [{"message": "Boom"}]}),
    ]
    client = token_client(lambda request: answers.pop(0))
    with pytest.raises(AuthenticationError, match="Invalid token"):
        await client.get_version()
    with pytest.raises(URLNotFoundError):
        await client.get_version()
    with pytest.raises(GraphQLError) as caught:
        await client.get_version()
    assert caught.value.errors == [{"message": "Boom"}]


def password_server(log: list[tuple[str, str | None]]) -> Handler:
    """Login gives token a1; the first GraphQL call says the signature expired; refresh gives a2."""
    state = {"expired": True}

    def handler(request: httpx.Request) -> httpx.Response:
        log.append((request.url.path, request.headers.get("Authorization")))
        if request.url.path == "/api/auth/login":
            assert json.loads(request.content) == {"username": "admin", "password": "infrahub"}
            return httpx.Response(200, json={"access_token": "a1", "refresh_token": "r1"})
        if request.url.path == "/api/auth/refresh":
            return httpx.Response(200, json={"access_token": "a2"})
        if state.pop("expired", False):
            return httpx.Response(401, json={"errors": [{"message": "Expired Signature"}]})
        return httpx.Response(200, json=VERSION)

    return handler


EXPECTED_LOGIN_FLOW = [
    ("/api/auth/login", None),
    ("/graphql/main", "Bearer a1"),
    ("/api/auth/refresh", "Bearer r1"),
    ("/graphql/main", "Bearer a2"),
]


async def test_expired_signature_refreshes_and_retries() -> None:
    log: list[tuple[str, str | None]] = []
    config = Config(address="http://infrahub.test", username="admin", password="infrahub")
    client = InfrahubClient(config=config, transport=httpx.MockTransport(password_server(log)))
    assert await client.get_version() == "1.11.9"
    assert log == EXPECTED_LOGIN_FLOW


def test_expired_signature_refreshes_and_retries_sync() -> None:
    log: list[tuple[str, str | None]] = []
    config = Config(address="http://infrahub.test", username="admin", password="infrahub")
    client = InfrahubClientSync(config=config, transport=httpx.MockTransport(password_server(log)))
    assert client.get_version() == "1.11.9"
    assert log == EXPECTED_LOGIN_FLOW


async def test_transient_status_and_transient_graphql_errors_share_one_retry_budget() -> None:
    transient_error = {"message": "Database busy", "extensions": {"http_status": 503}}
    answers = [
        httpx.Response(503, text="unavailable"),
        httpx.Response(200, json={"data": None, "errors": [transient_error]}),
        httpx.Response(200, json=VERSION),
    ]
    client = token_client(
        lambda request: answers.pop(0), retry_on_failure=True, retry_delay=1, retry_max_delay=1
    )
    assert await client.get_version() == "1.11.9"
    assert answers == []


async def test_graphql_error_without_status_is_not_retried() -> None:
    answers = [httpx.Response(200, json={"data": None, "errors": [{"message": "Unknown field"}]})]
    client = token_client(lambda request: answers.pop(0), retry_on_failure=True)
    with pytest.raises(GraphQLError):
        await client.get_version()


def test_a_sync_requester_replaces_httpx() -> None:
    calls: list[dict[str, object]] = []

    def requester(**request: object) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, json=VERSION)

    client = InfrahubClientSync(config=Config(address="http://infrahub.test", sync_requester=requester))
    assert client.get_version() == "1.11.9"
    (call,) = calls
    assert (call["url"], call["method"].value, call["payload"]) == (  # type: ignore[attr-defined]
        "http://infrahub.test/graphql/main",
        "post",
        {"query": "query { InfrahubInfo { version }}"},
    )
