"""Refuse request bodies larger than a limit, before they are buffered."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infrahub_server.api.errors import error_response


def _message(limit: int) -> str:
    return f"Request body is larger than the limit of {limit} bytes"


class BodyLimitMiddleware:
    """A declared `Content-Length` over the limit is refused at once; a streamed body is counted
    as it is read and refused when it crosses the limit, with an `HTTPException(413)` raised where
    the route reads the body, so the exception handlers shape the answer."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        if max_body_bytes <= 0:
            raise ValueError("max_body_bytes must be greater than 0")
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await error_response(Request(scope), _message(limit), 413)(scope, receive, send)
                return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, _message(limit))
            return message

        await self.app(scope, counting_receive, send)
