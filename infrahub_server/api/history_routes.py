"""`GET /api/history/{node_id}`: who changed a node and when (an addition to Infrahub's protocol).

Query parameters: `branch` (only the changes made on that branch; default: every branch).
Answers `{"node_id": ..., "changes": [HistoryEntry.to_dict(), ...]}`, oldest first; 404 when the
node never existed.
"""

from __future__ import annotations

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response

from infrahub_server.api.context import require_session, server_context
from infrahub_server.api.errors import JSONResponse
from infrahub_server.branches.history import node_history
from infrahub_server.errors import NodeNotFoundError


async def get_node_history(request: Request) -> Response:
    await require_session(request, write=False)
    node_id = request.path_params["node_id"]
    branch = request.query_params.get("branch") or None
    store = server_context(request).store
    changes = await anyio.to_thread.run_sync(lambda: node_history(store, node_id, branch=branch))
    if not changes and branch is None:
        raise NodeNotFoundError(f"Unable to find the node {node_id}")
    return JSONResponse({"node_id": node_id, "changes": [change.to_dict() for change in changes]})
