"""What a route needs from the running server, kept on `app.state.server` by the lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import anyio.to_thread
from starlette.requests import Request

from infrahub_server.auth.sessions import (
    ANONYMOUS,
    AUTHENTICATION_REQUIRED,
    AccountSession,
    Authenticator,
    presented_credential,
)
from infrahub_server.errors import AuthenticationError
from infrahub_server.middleware.metrics import RequestMetrics
from infrahub_server.settings import Settings

if TYPE_CHECKING:
    from infrahub_server.api.schema_registry import SchemaRegistry
    from infrahub_server.auth.accounts import AccountDirectory
    from infrahub_server.auth.credentials import CredentialStore
    from infrahub_server.store import Store


@dataclass(slots=True)
class ServerContext:
    settings: Settings
    store: Store
    schemas: SchemaRegistry
    credentials: CredentialStore
    accounts: AccountDirectory
    authenticator: Authenticator
    secret_key: str
    deployment_id: str
    metrics: RequestMetrics


def server_context(request: Request) -> ServerContext:
    return cast(ServerContext, request.app.state.server)


async def request_session(request: Request) -> AccountSession:
    """The session of the request's credentials, anonymous when it has none."""
    credential = presented_credential(request.headers, request.cookies)
    if credential is None:
        return ANONYMOUS
    authenticator = server_context(request).authenticator
    return await anyio.to_thread.run_sync(authenticator.authenticate, credential)


async def require_session(request: Request, *, write: bool) -> AccountSession:
    """The session, refused with 401 when anonymous access does not cover the request: anonymous
    callers may read (when allowed), never write."""
    session = await request_session(request)
    if session.authenticated:
        return session
    if write or not server_context(request).settings.allow_anonymous_access:
        raise AuthenticationError(AUTHENTICATION_REQUIRED)
    return session
