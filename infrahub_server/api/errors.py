"""Errors at the edge: every exception that leaves a route becomes the protocol's envelope here.

REST (`/api/...` and the rest): `{"data": null, "errors": [{"message", "extensions": {"code": <status>}}]}`
with the HTTP status equal to `code`. GraphQL endpoints refusing a request before execution (auth,
bad body): the GraphQL shape `{"data": null, "errors": [{"message", "extensions": {"code": "<CODE>"}}]}`
with the real HTTP status. Anything unexpected is logged with its traceback and answered with a
generic 500 envelope (the traceback goes to the log, never to the client).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import orjson
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from infrahub_server.errors import InfrahubError

logger = logging.getLogger(__name__)

_INTERNAL_ERROR = "Internal server error"
_GRAPHQL_CODES = {
    400: "BAD_REQUEST",
    401: "AUTHENTICATION_REQUIRED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    504: "TIMEOUT",
}


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def rest_error(message: str, status: int) -> JSONResponse:
    return JSONResponse(
        {"data": None, "errors": [{"message": message, "extensions": {"code": status}}]}, status
    )


def graphql_error(message: str, status: int, code: str | None = None) -> JSONResponse:
    extensions = {"code": code or _GRAPHQL_CODES.get(status, "UNDEFINED_ERROR")}
    return JSONResponse({"data": None, "errors": [{"message": message, "extensions": extensions}]}, status)


def _is_graphql(request: Request) -> bool:
    path = request.url.path
    return path == "/graphql" or path.startswith("/graphql/")


def error_response(request: Request, message: str, status: int, code: str | None = None) -> JSONResponse:
    if _is_graphql(request):
        return graphql_error(message, status, code)
    return rest_error(message, status)


async def handle_infrahub_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InfrahubError)
    if exc.http_status >= 500:
        logger.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc.message)
        return error_response(request, _INTERNAL_ERROR, 500, "INTERNAL_SERVER_ERROR")
    return error_response(request, exc.message, exc.http_status, exc.code)


async def handle_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=exc.headers)
    message = exc.detail if exc.detail else HTTPStatus(exc.status_code).phrase
    response = error_response(request, message, exc.status_code)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def handle_server_error(request: Request, exc: Exception) -> Response:
    # ServerErrorMiddleware re-raises after this answer, so the ASGI server logs the traceback.
    return error_response(request, _INTERNAL_ERROR, 500, "INTERNAL_SERVER_ERROR")


EXCEPTION_HANDLERS = {
    InfrahubError: handle_infrahub_error,
    HTTPException: handle_http_exception,
    Exception: handle_server_error,
}
