"""Access and refresh JWTs carry Infrahub's claims; expired and forged tokens are told apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from infrahub_server.auth.jwt_tokens import decode_token, encode_token
from infrahub_server.errors import AuthenticationError, TokenExpiredError

SECRET = "test-secret-key-of-sufficient-length-for-hs256"
HOUR = timedelta(hours=1)


def test_access_token_claims_are_infrahubs() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    token = encode_token(
        SECRET, account_id="acc-1", session_id="sess-1", token_type="access", lifetime=HOUR, now=now
    )

    claims = jwt.decode(
        token, SECRET, algorithms=["HS256"], options={"verify_exp": False, "verify_nbf": False}
    )

    assert claims == {
        "sub": "acc-1",
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(hours=1)).timestamp()),
        "fresh": False,
        "type": "access",
        "session_id": "sess-1",
    }


def test_a_refresh_token_decodes_as_refresh_only() -> None:
    token = encode_token(
        SECRET, account_id="acc-1", session_id="sess-1", token_type="refresh", lifetime=timedelta(days=30)
    )

    claims = decode_token(SECRET, token, expected_type="refresh")

    assert (claims.account_id, claims.session_id, claims.token_type) == ("acc-1", "sess-1", "refresh")
    assert timedelta(days=29) < claims.expires_at - datetime.now(UTC) <= timedelta(days=30)
    with pytest.raises(AuthenticationError, match=r"^Invalid token$"):
        decode_token(SECRET, token, expected_type="access")


def test_an_expired_token_says_expired_signature() -> None:
    past = datetime.now(UTC) - timedelta(hours=2)
    token = encode_token(
        SECRET, account_id="acc-1", session_id="s", token_type="access", lifetime=HOUR, now=past
    )

    with pytest.raises(TokenExpiredError) as refused:
        decode_token(SECRET, token, expected_type="access")

    assert refused.value.message == "Expired Signature"


@pytest.mark.parametrize(
    "token",
    [
        "not-a-jwt",
        encode_token(
            "another-secret-key-of-sufficient-length-x",
            account_id="a",
            session_id="s",
            token_type="access",
            lifetime=HOUR,
        ),
        jwt.encode({"sub": "a", "exp": 9999999999}, SECRET, algorithm="HS256"),
    ],
    ids=["garbage", "wrong-key", "missing-claims"],
)
def test_a_forged_or_malformed_token_is_invalid(token: str) -> None:
    with pytest.raises(AuthenticationError, match=r"^Invalid token$"):
        decode_token(SECRET, token, expected_type="access")
