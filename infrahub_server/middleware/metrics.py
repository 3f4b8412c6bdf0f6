"""Request counts by method and status, served as Prometheus text on `/metrics`."""

from __future__ import annotations

import time
from collections import Counter

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Methods outside this set are counted as OTHER, so a client cannot grow the label set at will.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestMetrics:
    def __init__(self) -> None:
        self.started_at = time.time()
        self.requests: Counter[tuple[str, int]] = Counter()

    def render(self, version: str) -> str:
        lines = [
            "# HELP infrahub_info Server version.",
            "# TYPE infrahub_info gauge",
            f'infrahub_info{{version="{version}"}} 1',
            "# HELP infrahub_process_start_time_seconds Start time of the process since the epoch.",
            "# TYPE infrahub_process_start_time_seconds gauge",
            f"infrahub_process_start_time_seconds {self.started_at:.3f}",
            "# HELP infrahub_requests_total HTTP requests answered, by method and status code.",
            "# TYPE infrahub_requests_total counter",
        ]
        for (method, status), count in sorted(self.requests.items()):
            lines.append(f'infrahub_requests_total{{method="{method}",status_code="{status}"}} {count}')
        return "\n".join(lines) + "\n"


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, *, metrics: RequestMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                method = scope["method"] if scope["method"] in _METHODS else "OTHER"
                self.metrics.requests[(method, message["status"])] += 1
            await send(message)

        await self.app(scope, receive, counting_send)
