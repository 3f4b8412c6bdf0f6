"""`/api/storage/*`: upload content or a file to object storage, read a stored object, and
download the content of a file object node (by id, HFID or storage id)."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from datetime import datetime

import anyio.to_thread
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from infrahub_server.api.bodies import read_json_object
from infrahub_server.api.context import ServerContext, require_access, require_session, server_context
from infrahub_server.api.errors import JSONResponse
from infrahub_server.api.timestamps import parse_at
from infrahub_server.permissions import check_permission
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.storage import object_storage
from infrahub_server.storage.file_objects import (
    belongs_to_file_object,
    file_object_by_hfid,
    file_object_by_id,
    file_object_by_storage_id,
)
from infrahub_server.store import NodeRecord, Reader, Snapshot


async def upload_content(request: Request) -> Response:
    await require_session(request, write=True)
    body = await read_json_object(request)
    content = body.get("content")
    if not isinstance(content, str):
        raise HTTPException(422, "'content' must be a string")
    storage = object_storage(server_context(request).settings)
    stored = await anyio.to_thread.run_sync(storage.store, content.encode())
    return JSONResponse({"identifier": stored.identifier, "checksum": stored.checksum})


async def upload_file(request: Request) -> Response:
    await require_session(request, write=True)
    async with request.form() as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(422, "A multipart field 'file' with the file is required")
        content = await upload.read()
    storage = object_storage(server_context(request).settings)
    stored = await anyio.to_thread.run_sync(storage.store, content)
    return JSONResponse({"identifier": stored.identifier, "checksum": stored.checksum})


def _read_object(context: ServerContext, identifier: str) -> bytes:
    default_branch = context.store.default_branch
    schema = context.schemas.for_branch_name(default_branch)
    with context.store.reader(Snapshot(default_branch)) as reader:
        if belongs_to_file_object(reader, schema, identifier):
            raise HTTPException(403, f"Use /api/storage/files/by-storage-id/{identifier} instead.")
    return object_storage(context.settings).retrieve(identifier)


async def get_object(request: Request) -> Response:
    await require_session(request, write=False)
    context = server_context(request)
    content = await anyio.to_thread.run_sync(_read_object, context, request.path_params["identifier"])
    return Response(content)


def content_disposition(file_name: str, *, preview: bool) -> str:
    """Both `filename` (ASCII, for old clients) and RFC 5987 `filename*`; nothing that could break
    the header survives."""
    cleaned = re.sub(r"[\x00-\x1f\x7f]", "", file_name).replace('"', "'").replace(";", "_")[:255]
    ascii_name = cleaned.encode("ascii", errors="replace").decode("ascii").replace("?", "_")
    disposition = "inline" if preview else "attachment"
    return (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{urllib.parse.quote(cleaned, safe='')}"
    )


FileFinder = Callable[[Reader, SchemaBranch], NodeRecord]


def _read_file(
    context: ServerContext, branch: str, at: datetime | None, find: FileFinder
) -> tuple[NodeRecord, bytes]:
    schema = context.schemas.for_branch_name(branch)
    with context.store.reader(Snapshot(branch, at)) as reader:
        node = find(reader, schema)
    storage_id = str(node.attributes["storage_id"].value)
    return node, object_storage(context.settings).retrieve(storage_id)


async def _file_response(request: Request, find: FileFinder) -> Response:
    access = await require_access(request, write=False)
    context = server_context(request)
    branch = request.query_params.get("branch") or context.settings.default_branch
    at = parse_at(request.query_params.get("at"))
    preview = request.query_params.get("preview", "").lower() in ("1", "true", "yes")
    node, content = await anyio.to_thread.run_sync(_read_file, context, branch, at, find)
    on_default = branch == context.settings.default_branch
    check_permission(access.permissions, "view", kind=node.kind, on_default_branch=on_default)
    file_name = str(node.attributes["file_name"].value)
    return Response(
        content,
        media_type=str(node.attributes["file_type"].value or "application/octet-stream"),
        headers={"Content-Disposition": content_disposition(file_name, preview=preview)},
    )


async def get_file(request: Request) -> Response:
    node_id = request.path_params["node_id"]
    return await _file_response(request, lambda reader, schema: file_object_by_id(reader, schema, node_id))


async def get_file_by_hfid(request: Request) -> Response:
    kind = request.path_params["kind"]
    hfid = request.query_params.getlist("hfid")
    if not hfid:
        raise HTTPException(422, "The query parameter 'hfid' is required (once per HFID component)")
    return await _file_response(
        request, lambda reader, schema: file_object_by_hfid(reader, schema, kind, hfid)
    )


async def get_file_by_storage_id(request: Request) -> Response:
    storage_id = request.path_params["storage_id"]
    return await _file_response(
        request, lambda reader, schema: file_object_by_storage_id(reader, schema, storage_id)
    )
