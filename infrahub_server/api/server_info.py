"""`GET /api/config`, `GET /api/info` and `GET /metrics`: what the server is and how it is set up."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from infrahub_server import PROTOCOL_VERSION
from infrahub_server.api.context import require_session, server_context
from infrahub_server.api.errors import JSONResponse
from infrahub_server.settings import Settings


def public_config(settings: Settings) -> dict[str, Any]:
    """The body of `GET /api/config`, Infrahub's keys with this server's values."""
    return {
        "main": {
            "allow_anonymous_access": settings.allow_anonymous_access,
            "anonymous_access_role": settings.anonymous_access_role,
            "public_url": None,
            "schema_strict_mode": True,
            "delete_branch_after_merge": False,
        },
        "logging": {"remote": {"enable": False, "frontend_dsn": None, "api_server_dsn": None}},
        "analytics": {"enable": False, "address": None, "api_key": None},
        "experimental_features": {"graphql_enums": False, "value_db_index": False},
        "sso": {"providers": [], "enabled": False},
        "ldap": {"enabled": False, "display_label": "LDAP", "icon": "mdi:account-key"},
        "installation_type": "community",
        "policy": {"required_proposed_change_approvals": 0, "revoke_proposed_change_approvals": False},
    }


async def get_config(request: Request) -> Response:
    return JSONResponse(public_config(server_context(request).settings))


async def get_info(request: Request) -> Response:
    await require_session(request, write=False)
    return JSONResponse({"deployment_id": server_context(request).deployment_id, "version": PROTOCOL_VERSION})


async def get_metrics(request: Request) -> Response:
    text = server_context(request).metrics.render(PROTOCOL_VERSION)
    return PlainTextResponse(text, media_type="text/plain; version=0.0.4")
