"""A request that outlives the timeout is answered 504 in the protocol's envelope."""

from __future__ import annotations

import anyio
import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from infrahub_server.api.errors import EXCEPTION_HANDLERS
from infrahub_server.middleware.timeout import TimeoutMiddleware


async def slow(request: Request) -> Response:
    await anyio.sleep(float(request.query_params["seconds"]))
    return PlainTextResponse("done")


def _client() -> httpx.AsyncClient:
    app = Starlette(
        routes=[Route("/api/slow", slow), Route("/graphql/slow", slow)],
        middleware=[Middleware(TimeoutMiddleware, seconds=0.05)],
        exception_handlers=EXCEPTION_HANDLERS,
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def test_a_request_within_the_limit_is_untouched() -> None:
    async with _client() as client:
        response = await client.get("/api/slow?seconds=0")

    assert (response.status_code, response.text) == (200, "done")


async def test_a_request_over_the_limit_is_a_504_envelope() -> None:
    async with _client() as client:
        rest = await client.get("/api/slow?seconds=5")
        graphql = await client.get("/graphql/slow?seconds=5")

    assert rest.status_code == 504
    assert rest.json() == {
        "data": None,
        "errors": [{"message": "Request did not complete within 0.05 seconds", "extensions": {"code": 504}}],
    }
    assert graphql.status_code == 504
    assert graphql.json()["errors"][0]["extensions"] == {"code": "TIMEOUT"}
