"""`/api/artifact/{id}` (an artefact's content, with its content type) and
`/api/artifact/generate/{definition}` (queue the regeneration of a definition's artefacts)."""

from __future__ import annotations

from datetime import datetime

import anyio.to_thread
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from infrahub_server.api.bodies import read_json
from infrahub_server.api.context import ServerContext, require_permission, require_session, server_context
from infrahub_server.api.errors import JSONResponse
from infrahub_server.api.timestamps import parse_at
from infrahub_server.artifacts.definitions import ARTIFACT_KIND, read_definition
from infrahub_server.artifacts.tasks import submit_generation
from infrahub_server.automation.lookup import attribute_value
from infrahub_server.nodes.lookup import not_found
from infrahub_server.storage import object_storage
from infrahub_server.store import Snapshot


def _read_artifact(
    context: ServerContext, artifact_id: str, branch: str, at: datetime | None
) -> tuple[bytes, str]:
    with context.store.reader(Snapshot(branch, at)) as reader:
        record = reader.get_nodes([artifact_id], ["storage_id", "content_type"]).get(artifact_id)
    storage_id = attribute_value(record, "storage_id") if record and record.kind == ARTIFACT_KIND else None
    if record is None or record.kind != ARTIFACT_KIND:
        raise not_found(artifact_id, ARTIFACT_KIND)
    if not storage_id:
        raise HTTPException(404, f"The artifact {artifact_id} has no content yet")
    content = object_storage(context.settings).retrieve(str(storage_id))
    return content, str(attribute_value(record, "content_type") or "text/plain")


async def get_artifact(request: Request) -> Response:
    await require_session(request, write=False)
    context = server_context(request)
    branch = request.query_params.get("branch") or context.settings.default_branch
    at = parse_at(request.query_params.get("at"))
    artifact_id = request.path_params["artifact_id"]
    content, content_type = await anyio.to_thread.run_sync(_read_artifact, context, artifact_id, branch, at)
    return Response(content, media_type=content_type)


def _queue_generation(
    context: ServerContext, definition: str, branch: str, nodes: list[str] | None, account_id: str | None
) -> None:
    schema = context.schemas.for_branch_name(branch)
    with context.store.reader(Snapshot(branch)) as reader:
        found = read_definition(reader, schema, definition)
    submit_generation(
        context.tasks, found.id, branch=branch, nodes=nodes, account_id=account_id, definition_name=found.name
    )


async def generate_artifacts(request: Request) -> Response:
    branch_parameter = request.query_params.get("branch")
    access = await require_permission(
        request, "create", "update", kind="CoreArtifact", branch=branch_parameter, write=True
    )
    session = access.session
    context = server_context(request)
    body = await read_json(request) if (await request.body()).strip() else {}
    nodes = body.get("nodes") if isinstance(body, dict) else None
    if nodes is not None and not (isinstance(nodes, list) and all(isinstance(node, str) for node in nodes)):
        raise HTTPException(422, "'nodes' must be a list of node ids")
    branch = request.query_params.get("branch") or context.settings.default_branch
    definition = request.path_params["definition"]
    await anyio.to_thread.run_sync(
        _queue_generation, context, definition, branch, nodes or None, session.account_id
    )
    return JSONResponse(None)
