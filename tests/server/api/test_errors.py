"""Errors leave the server in the protocol's envelopes, whatever raised them."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from infrahub_server.api.errors import EXCEPTION_HANDLERS
from infrahub_server.errors import (
    AttributeRequiredError,
    BranchNotFoundError,
    InfrahubError,
    NodeNotFoundError,
    PermissionDeniedError,
    TokenExpiredError,
)

RAISED: dict[str, Exception] = {
    "node": NodeNotFoundError("Unable to find the node x / InfraDevice in the database."),
    "attribute": AttributeRequiredError(
        "name is mandatory for InfraDevice at name", kind="InfraDevice", field="name"
    ),
    "branch": BranchNotFoundError("Branch: feature not found."),
    "expired": TokenExpiredError(),
    "denied": PermissionDeniedError("You do not have the permission to do that"),
    "domain-500": InfrahubError("secret store failure details"),
    "bug": RuntimeError("secret internal detail"),
}


async def raising(request: Request) -> Response:
    raise RAISED[request.path_params["case"]]


def _client() -> httpx.AsyncClient:
    app = Starlette(
        routes=[Route("/api/{case}", raising), Route("/graphql/{case}", raising)],
        exception_handlers=EXCEPTION_HANDLERS,
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.mark.parametrize(
    ("case", "status"),
    [("node", 404), ("attribute", 422), ("branch", 400), ("expired", 401), ("denied", 403)],
)
async def test_domain_errors_become_the_rest_envelope_with_their_status(case: str, status: int) -> None:
    async with _client() as client:
        response = await client.get(f"/api/{case}")

    assert response.status_code == status
    assert response.json() == {
        "data": None,
        "errors": [{"message": str(RAISED[case]), "extensions": {"code": status}}],
    }


async def test_on_graphql_paths_the_code_is_the_errors_name() -> None:
    async with _client() as client:
        response = await client.get("/graphql/expired")

    assert response.status_code == 401
    assert response.json() == {
        "data": None,
        "errors": [{"message": "Expired Signature", "extensions": {"code": "TOKEN_EXPIRED"}}],
    }


@pytest.mark.parametrize("case", ["bug", "domain-500"])
async def test_unexpected_errors_are_a_generic_500_without_details(case: str) -> None:
    async with _client() as client:
        response = await client.get(f"/api/{case}")

    assert response.status_code == 500
    assert response.json() == {
        "data": None,
        "errors": [{"message": "Internal server error", "extensions": {"code": 500}}],
    }
