"""What a route needs from the running server, kept on `app.state.server` by the lifespan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import anyio.to_thread
from starlette.requests import Request

from infrahub_server.auth.sessions import (
    AUTHENTICATION_REQUIRED,
    AccountSession,
    Authenticator,
    PresentedCredential,
    presented_credential,
)
from infrahub_server.errors import AuthenticationError
from infrahub_server.middleware.metrics import RequestMetrics
from infrahub_server.permissions import AccountPermissions, PermissionResolver, check_permission
from infrahub_server.settings import Settings

if TYPE_CHECKING:
    from infrahub_server.api.schema_registry import SchemaRegistry
    from infrahub_server.auth.accounts import AccountDirectory
    from infrahub_server.auth.credentials import CredentialStore
    from infrahub_server.store import Store
    from infrahub_server.tasks import TaskQueue


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
    tasks: TaskQueue
    permissions: PermissionResolver = field(init=False)

    def __post_init__(self) -> None:
        self.permissions = PermissionResolver(self.store, anonymous_role=self.settings.anonymous_access_role)


@dataclass(frozen=True, slots=True)
class RequestAccess:
    """Who calls and what they may do; pass `permissions` on to a `GraphQLContext` run for them."""

    session: AccountSession
    permissions: AccountPermissions

    @property
    def account_id(self) -> str | None:
        return self.session.account_id if self.session.authenticated else None


def server_context(request: Request) -> ServerContext:
    return cast(ServerContext, request.app.state.server)


async def require_session(request: Request, *, write: bool) -> AccountSession:
    """The session, refused with 401 when anonymous access does not cover the request: anonymous
    callers may read (when allowed), never write; an account deactivated since its token was
    issued is refused at once."""
    return (await require_access(request, write=write)).session


def _resolve_access(
    context: ServerContext, credential: PresentedCredential | None, write: bool
) -> RequestAccess:
    session = context.authenticator.authenticate(credential)
    if not session.authenticated and (write or not context.settings.allow_anonymous_access):
        raise AuthenticationError(AUTHENTICATION_REQUIRED)
    account_id = session.account_id if session.authenticated else None
    return RequestAccess(session, context.permissions.for_account(account_id))


async def require_access(request: Request, *, write: bool) -> RequestAccess:
    """The caller's session and resolved permissions (one trip to a worker thread)."""
    credential = presented_credential(request.headers, request.cookies)
    return await anyio.to_thread.run_sync(_resolve_access, server_context(request), credential, write)


async def require_permission(
    request: Request,
    *actions: str,
    kind: str | None = None,
    branch: str | None = None,
    write: bool = False,
) -> RequestAccess:
    """Refuse the request unless its caller holds every one of `actions`: global actions
    (`"manage_schema"`) or, with `kind`, object actions (`"view"`, `"create"`...) on `branch`
    (default: the default branch). `write=True` also refuses anonymous callers (401).
    Raises `PermissionDeniedError` (403, the REST envelope names the missing permission)."""
    access = await require_access(request, write=write)
    settings = server_context(request).settings
    on_default = branch is None or branch == settings.default_branch
    for action in actions:
        check_permission(access.permissions, action, kind=kind, on_default_branch=on_default)
    return access
