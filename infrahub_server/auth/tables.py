"""The server's own small tables beside the store's: API tokens, refresh sessions and the values
kept from the first start. Unversioned: they are credentials, not source-of-truth data."""

from __future__ import annotations

import sqlalchemy as sa

from infrahub_server.store.engine import write_transaction

metadata = sa.MetaData()
_CREATE_LOCK_KEY = 0x1F0A_5702_A000_0001

api_tokens = sa.Table(
    "auth_api_token",
    metadata,
    sa.Column("token_digest", sa.String(64), primary_key=True),
    sa.Column("id", sa.String(36), nullable=False, unique=True),
    sa.Column("account_id", sa.String(64), nullable=False, index=True),
    sa.Column("name", sa.String(255), nullable=True),
    sa.Column("expires_at", sa.Float, nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
)

refresh_sessions = sa.Table(
    "auth_refresh_session",
    metadata,
    sa.Column("session_digest", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.String(64), nullable=False, index=True),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

server_values = sa.Table(
    "server_value",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


def create_tables(engine: sa.Engine) -> None:
    """Create the tables that do not exist yet."""
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            # Several server processes may start at once against an empty database.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CREATE_LOCK_KEY})
        metadata.create_all(conn, checkfirst=True)
