"""`POST /api/auth/login`, `/api/auth/refresh` and `/api/auth/logout`."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response

from infrahub_server.api.bodies import read_json_object
from infrahub_server.api.context import ServerContext, require_session, server_context
from infrahub_server.api.errors import JSONResponse
from infrahub_server.auth.jwt_tokens import TokenType, decode_token, encode_token
from infrahub_server.auth.passwords import verify_password
from infrahub_server.errors import AuthenticationError, NodeNotFoundError, ValidationError

_COOKIE_OPTIONS: dict[str, Any] = {"httponly": True, "samesite": "strict"}


def _text_field(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        problem = "is required" if value is None else "must be a string"
        raise ValidationError(f"{name} {problem}")
    return value


def _lifetime(context: ServerContext, token_type: TokenType) -> timedelta:
    settings = context.settings
    seconds = settings.access_token_lifetime if token_type == "access" else settings.refresh_token_lifetime
    return timedelta(seconds=seconds)


def _issue(context: ServerContext, account_id: str, session_id: str, token_type: TokenType) -> str:
    lifetime = _lifetime(context, token_type)
    return encode_token(
        context.secret_key,
        account_id=account_id,
        session_id=session_id,
        token_type=token_type,
        lifetime=lifetime,
    )


def _set_cookie(response: Response, context: ServerContext, token_type: TokenType, token: str) -> None:
    max_age = int(_lifetime(context, token_type).total_seconds())
    response.set_cookie(f"{token_type}_token", token, max_age=max_age, **_COOKIE_OPTIONS)


def _login(context: ServerContext, username: str, password: str) -> tuple[str, str]:
    account = context.accounts.find_by_name(username)
    if account is None:
        raise NodeNotFoundError("That login user doesn't exist in the system")
    if not verify_password(password, account.password_hash or ""):
        raise AuthenticationError("Incorrect password")
    if not account.is_active:
        raise AuthenticationError("This account has been deactivated")
    expires_at = time.time() + _lifetime(context, "refresh").total_seconds()
    session_id = context.credentials.open_session(account.id, expires_at=expires_at)
    return _issue(context, account.id, session_id, "access"), _issue(
        context, account.id, session_id, "refresh"
    )


async def login(request: Request) -> Response:
    body = await read_json_object(request)
    username, password = _text_field(body, "username"), _text_field(body, "password")
    context = server_context(request)
    access, refresh = await anyio.to_thread.run_sync(_login, context, username, password)
    response = JSONResponse({"access_token": access, "refresh_token": refresh})
    _set_cookie(response, context, "access", access)
    _set_cookie(response, context, "refresh", refresh)
    return response


def _refresh(context: ServerContext, refresh_token: str) -> str:
    claims = decode_token(context.secret_key, refresh_token, expected_type="refresh")
    if not context.credentials.session_is_open(claims.session_id, account_id=claims.account_id):
        raise AuthenticationError("Invalid token")
    account = context.accounts.get(claims.account_id)
    if account is None or not account.is_active:
        raise AuthenticationError("This account has been deactivated")
    return _issue(context, claims.account_id, claims.session_id, "access")


async def refresh(request: Request) -> Response:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    refresh_token = token.strip() if scheme.lower() == "bearer" else request.cookies.get("refresh_token", "")
    if not refresh_token:
        raise AuthenticationError("A refresh token is required (Authorization: Bearer <refresh token>)")
    context = server_context(request)
    access = await anyio.to_thread.run_sync(_refresh, context, refresh_token)
    response = JSONResponse({"access_token": access})
    _set_cookie(response, context, "access", access)
    return response


async def logout(request: Request) -> Response:
    session = await require_session(request, write=True)
    if session.session_id is not None:
        await anyio.to_thread.run_sync(server_context(request).credentials.close_session, session.session_id)
    response = JSONResponse(None)
    response.delete_cookie("access_token", **_COOKIE_OPTIONS)
    response.delete_cookie("refresh_token", **_COOKIE_OPTIONS)
    return response
