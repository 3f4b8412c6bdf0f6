"""API tokens and refresh sessions, kept in two small unversioned tables.

Only SHA-256 digests are stored: a leaked database gives no usable token. A lookup hashes the
presented value and compares digests. Infrahub keeps `InternalAccountToken.token` in plain text;
we keep the digest instead, so a token is shown once, when it is created.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from infrahub_server.auth.tables import api_tokens, refresh_sessions
from infrahub_server.store.engine import read_transaction, write_transaction


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ApiToken:
    id: str
    account_id: str
    name: str | None
    expires_at: float | None
    created_at: float

    def is_expired(self, now: float) -> bool:
        return self.expires_at is not None and self.expires_at <= now


def _api_token(row: sa.Row[tuple[object, ...]]) -> ApiToken:
    return ApiToken(
        id=row.id,
        account_id=row.account_id,
        name=row.name,
        expires_at=row.expires_at,
        created_at=row.created_at,
    )


class CredentialStore:
    """Synchronous access (call it from a worker thread) through the store's engine."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def add_api_token(
        self,
        account_id: str,
        *,
        name: str | None = None,
        expires_at: float | None = None,
        token: str | None = None,
    ) -> tuple[str, ApiToken]:
        """Store a new token for `account_id`; returns the plain token (shown once) and its record."""
        plain = token or str(uuid.uuid4())
        record = ApiToken(
            id=str(uuid.uuid4()),
            account_id=account_id,
            name=name,
            expires_at=expires_at,
            created_at=time.time(),
        )
        with write_transaction(self._engine) as conn:
            conn.execute(
                api_tokens.insert().values(
                    token_digest=digest(plain),
                    id=record.id,
                    account_id=account_id,
                    name=name,
                    expires_at=expires_at,
                    created_at=record.created_at,
                )
            )
        return plain, record

    def find_api_token(self, token: str) -> ApiToken | None:
        with read_transaction(self._engine) as conn:
            row = conn.execute(
                sa.select(api_tokens).where(api_tokens.c.token_digest == digest(token))
            ).first()
        return _api_token(row) if row is not None else None

    def list_api_tokens(self, account_id: str) -> list[ApiToken]:
        query = (
            sa.select(api_tokens)
            .where(api_tokens.c.account_id == account_id)
            .order_by(api_tokens.c.created_at)
        )
        with read_transaction(self._engine) as conn:
            return [_api_token(row) for row in conn.execute(query)]

    def delete_api_token(self, token_id: str, *, account_id: str) -> bool:
        with write_transaction(self._engine) as conn:
            result = conn.execute(
                api_tokens.delete().where(api_tokens.c.id == token_id, api_tokens.c.account_id == account_id)
            )
        return result.rowcount > 0

    def open_session(self, account_id: str, *, expires_at: float) -> str:
        """Record a refresh session; returns its id (carried by the JWTs as `session_id`)."""
        session_id = str(uuid.uuid4())
        with write_transaction(self._engine) as conn:
            conn.execute(
                refresh_sessions.insert().values(
                    session_digest=digest(session_id),
                    account_id=account_id,
                    expires_at=expires_at,
                    created_at=time.time(),
                )
            )
        return session_id

    def session_is_open(self, session_id: str, *, account_id: str) -> bool:
        query = sa.select(refresh_sessions.c.expires_at).where(
            refresh_sessions.c.session_digest == digest(session_id),
            refresh_sessions.c.account_id == account_id,
        )
        with read_transaction(self._engine) as conn:
            expires_at = conn.execute(query).scalar_one_or_none()
        return expires_at is not None and expires_at > time.time()

    def close_session(self, session_id: str) -> None:
        with write_transaction(self._engine) as conn:
            conn.execute(
                refresh_sessions.delete().where(refresh_sessions.c.session_digest == digest(session_id))
            )
