"""Access and refresh tokens: HS256 JWTs with Infrahub's claims.

Claims: `sub` (account id), `iat`, `nbf`, `exp`, `fresh` (always false), `type` (`access` or
`refresh`) and `session_id` (the refresh session created at login, so logout can revoke it).

PyJWT is imported on first use: it pulls in `cryptography`, a tenth of a second the server's start
does not need to pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from infrahub_server.errors import AuthenticationError, TokenExpiredError

TokenType = Literal["access", "refresh"]

_ALGORITHM = "HS256"


@dataclass(frozen=True, slots=True)
class TokenClaims:
    account_id: str
    session_id: str
    token_type: TokenType
    expires_at: datetime


def encode_token(
    secret_key: str,
    *,
    account_id: str,
    session_id: str,
    token_type: TokenType,
    lifetime: timedelta,
    now: datetime | None = None,
) -> str:
    import jwt

    issued = now or datetime.now(UTC)
    expires = issued + lifetime
    claims = {
        "sub": account_id,
        "iat": issued,
        "nbf": issued,
        "exp": expires,
        "fresh": False,
        "type": token_type,
        "session_id": session_id,
    }
    return jwt.encode(claims, secret_key, algorithm=_ALGORITHM)


def decode_token(secret_key: str, token: str, *, expected_type: TokenType) -> TokenClaims:
    """The claims of a valid token of `expected_type`.

    Raises `TokenExpiredError` ("Expired Signature", which the SDK answers by refreshing) for an
    expired token and `AuthenticationError("Invalid token")` for anything else that is wrong.
    """
    import jwt

    try:
        claims = jwt.decode(
            token,
            secret_key,
            algorithms=[_ALGORITHM],
            options={"require": ["sub", "exp", "type", "session_id"]},
        )
    except jwt.ExpiredSignatureError:
        raise TokenExpiredError() from None
    except jwt.InvalidTokenError:
        raise AuthenticationError("Invalid token") from None
    if claims["type"] != expected_type or not isinstance(claims["sub"], str):
        raise AuthenticationError("Invalid token")
    return TokenClaims(
        account_id=claims["sub"],
        session_id=str(claims["session_id"]),
        token_type=claims["type"],
        expires_at=datetime.fromtimestamp(claims["exp"], UTC),
    )
