"""API tokens and refresh sessions are found by their value but stored only as digests."""

from __future__ import annotations

import time

import sqlalchemy as sa

from infrahub_server.auth.credentials import CredentialStore
from infrahub_server.auth.server_values import deployment_id, secret_key
from infrahub_server.auth.tables import api_tokens, refresh_sessions


def _stored_text(engine: sa.Engine) -> str:
    with engine.connect() as conn:
        rows = [*conn.execute(sa.select(api_tokens)), *conn.execute(sa.select(refresh_sessions))]
    return repr(rows)


def test_an_api_token_is_found_by_value_and_stored_as_a_digest(
    credentials: CredentialStore, engine: sa.Engine
) -> None:
    plain, record = credentials.add_api_token("acc-1", name="ci")
    chosen, _ = credentials.add_api_token("acc-1", token="06438eb2-8019-4776-878c-0941b1f1d1ec")

    assert credentials.find_api_token(plain) == record
    assert credentials.find_api_token(chosen) is not None
    assert credentials.find_api_token("06438eb2-0000-0000-0000-000000000000") is None
    assert plain not in _stored_text(engine)
    assert chosen not in _stored_text(engine)


def test_tokens_are_listed_per_account_and_deleted_by_their_owner(credentials: CredentialStore) -> None:
    plain, record = credentials.add_api_token("acc-1", name="ci", expires_at=time.time() - 1)
    credentials.add_api_token("acc-2", name="other")

    assert [token.name for token in credentials.list_api_tokens("acc-1")] == ["ci"]
    assert record.is_expired(time.time())
    assert not credentials.delete_api_token(record.id, account_id="acc-2")
    assert credentials.delete_api_token(record.id, account_id="acc-1")
    assert credentials.find_api_token(plain) is None


def test_a_refresh_session_is_open_until_closed_or_expired(
    credentials: CredentialStore, engine: sa.Engine
) -> None:
    session_id = credentials.open_session("acc-1", expires_at=time.time() + 60)
    expired = credentials.open_session("acc-1", expires_at=time.time() - 1)

    assert credentials.session_is_open(session_id, account_id="acc-1")
    assert not credentials.session_is_open(session_id, account_id="acc-2")
    assert not credentials.session_is_open(expired, account_id="acc-1")
    assert session_id not in _stored_text(engine)

    credentials.close_session(session_id)

    assert not credentials.session_is_open(session_id, account_id="acc-1")


def test_server_values_are_generated_once_and_kept(credentials: CredentialStore, engine: sa.Engine) -> None:
    key, deployment = secret_key(engine), deployment_id(engine)

    assert len(key) >= 32
    assert (secret_key(engine), deployment_id(engine)) == (key, deployment)
