"""The account behind a request, from its credentials (Infrahub's order and rules).

1. `X-INFRAHUB-KEY: <api token>`: wins over any JWT in the same request;
2. `Authorization: Bearer <access JWT>`;
3. the `access_token` cookie set by login.
No credentials: the anonymous session, when anonymous access is allowed. A JWT must also belong
to a refresh session that is still open, so logging out ends the access token too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from infrahub_server.auth.credentials import CredentialStore
from infrahub_server.auth.jwt_tokens import decode_token
from infrahub_server.errors import AuthenticationError

AuthType = Literal["api_token", "jwt", "none"]

ACTIVE_ACCOUNT_TTL = 1.0
"""Seconds an account found active is trusted here without reading it again (reading an account
costs about 2 ms). Requests still refuse a deactivated account at once: the permission resolver
(`infrahub_server.permissions`) re-reads the account's status after every change."""
ANONYMOUS_ACCOUNT_ID = "anonymous"
AUTHENTICATION_REQUIRED = "Authentication is required"


@dataclass(frozen=True, slots=True)
class AccountSession:
    account_id: str
    auth_type: AuthType
    session_id: str | None = None

    @property
    def authenticated(self) -> bool:
        return self.auth_type != "none"


ANONYMOUS = AccountSession(account_id=ANONYMOUS_ACCOUNT_ID, auth_type="none")


@dataclass(frozen=True, slots=True)
class PresentedCredential:
    kind: Literal["api_token", "jwt"]
    value: str


def presented_credential(
    headers: Mapping[str, str], cookies: Mapping[str, str]
) -> PresentedCredential | None:
    """The credential a request carries, by precedence; `None` when it carries none."""
    api_key = headers.get("x-infrahub-key")
    if api_key:
        return PresentedCredential("api_token", api_key)
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return PresentedCredential("jwt", token.strip())
    cookie = cookies.get("access_token")
    if cookie:
        return PresentedCredential("jwt", cookie)
    return None


class Authenticator:
    """Turns a presented credential into an `AccountSession`. Synchronous: it reads the database,
    so the server calls it from a worker thread."""

    def __init__(
        self,
        *,
        secret_key: str,
        credentials: CredentialStore,
        account_is_active: Callable[[str], bool],
    ) -> None:
        self.secret_key = secret_key
        self.credentials = credentials
        self.account_is_active = account_is_active
        self._active_until: dict[str, float] = {}

    def authenticate(self, credential: PresentedCredential | None) -> AccountSession:
        """The session of `credential`; anonymous when there is none (the caller decides whether
        anonymous may do what it asks). Raises `AuthenticationError` for a bad credential."""
        if credential is None:
            return ANONYMOUS
        if credential.kind == "api_token":
            return self._api_token_session(credential.value)
        return self._jwt_session(credential.value)

    def _api_token_session(self, token: str) -> AccountSession:
        record = self.credentials.find_api_token(token)
        if record is None or record.is_expired(time.time()):
            raise AuthenticationError("Invalid token")
        self._require_active(record.account_id)
        return AccountSession(account_id=record.account_id, auth_type="api_token")

    def _jwt_session(self, token: str) -> AccountSession:
        claims = decode_token(self.secret_key, token, expected_type="access")
        if not self.credentials.session_is_open(claims.session_id, account_id=claims.account_id):
            raise AuthenticationError("Invalid token")
        self._require_active(claims.account_id)
        return AccountSession(account_id=claims.account_id, auth_type="jwt", session_id=claims.session_id)

    def _require_active(self, account_id: str) -> None:
        now = time.monotonic()
        if self._active_until.get(account_id, 0.0) > now:
            return
        if not self.account_is_active(account_id):
            self._active_until.pop(account_id, None)
            raise AuthenticationError("This account has been deactivated")
        self._active_until[account_id] = now + ACTIVE_ACCOUNT_TTL
