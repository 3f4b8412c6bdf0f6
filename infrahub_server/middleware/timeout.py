"""Bound the time a request may take."""

from __future__ import annotations

import logging

import anyio
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infrahub_server.api.errors import error_response

logger = logging.getLogger(__name__)


class TimeoutMiddleware:
    """Cancel a request still running after `seconds`. If no response has started, the client gets
    a 504 envelope; otherwise the response is cut. Work already handed to a worker thread finishes there, but its result is dropped."""

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError("seconds must be greater than 0")
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        with anyio.move_on_after(self.seconds) as deadline:
            await self.app(scope, receive, watching_send)
        if deadline.cancelled_caught:
            logger.warning("%s %s cancelled after %.1f s", scope["method"], scope["path"], self.seconds)
            if not started:
                message = f"Request did not complete within {self.seconds:g} seconds"
                await error_response(Request(scope), message, 504)(scope, receive, send)
