"""`GET /api/diff/files?branch=`: the repository files a branch changed (see `repositories.file_diff`)."""

from __future__ import annotations

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response

from infrahub_server.api.context import require_session, server_context
from infrahub_server.api.errors import JSONResponse
from infrahub_server.repositories.file_diff import branch_file_diff


async def get_file_diff(request: Request) -> Response:
    await require_session(request, write=False)
    server = server_context(request)
    branch = request.query_params.get("branch") or server.settings.default_branch

    def answer() -> dict[str, object]:
        server.schemas.branch(branch)
        return branch_file_diff(server, branch)

    return JSONResponse(await anyio.to_thread.run_sync(answer))
