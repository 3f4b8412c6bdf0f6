"""GraphQL multipart requests (the "GraphQL multipart request spec" the SDK follows for file
objects): form fields `operations` (the JSON operation, with `null` where files go), `map`
(`{"0": ["variables.file"]}`) and one field per file.

`read_multipart_operation` stores each file in object storage and puts its `FileMetadata` where the
map says; the `Upload` scalar accepts exactly those values, and a mutation that receives one runs
its node write inside `uploaded_file(metadata)` (see `file_objects`).
"""

from __future__ import annotations

from typing import Any

import anyio.to_thread
import orjson
from graphql import GraphQLError, GraphQLScalarType
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from infrahub_server.storage.file_objects import FileMetadata, store_file
from infrahub_server.storage.object_store import ObjectStorage


def _serialize(_value: Any) -> Any:
    raise GraphQLError("Upload is an input-only type")


def _parse_value(value: Any) -> FileMetadata | None:
    if value is None or isinstance(value, FileMetadata):
        return value
    raise GraphQLError(
        "An Upload value is a file sent in a multipart request (GraphQL multipart request spec)"
    )


UPLOAD_SCALAR = GraphQLScalarType(
    name="Upload",
    description="A file sent in a multipart/form-data request.",
    serialize=_serialize,
    parse_value=_parse_value,
)


def is_multipart(request: Request) -> bool:
    return request.headers.get("content-type", "").lower().startswith("multipart/form-data")


def _json_field(form: Any, name: str) -> Any:
    raw = form.get(name)
    if not isinstance(raw, str):
        raise HTTPException(400, f"A GraphQL multipart request needs the form field '{name}'")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise HTTPException(400, f"The form field '{name}' is not valid JSON: {exc}") from None


def _place(operations: Any, path: str, value: FileMetadata) -> None:
    *parents, last = path.split(".")
    target = operations
    try:
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        elif isinstance(target, dict):
            target[last] = value
        else:
            raise TypeError(path)
    except (KeyError, IndexError, ValueError, TypeError):
        raise HTTPException(400, f"The map names '{path}', which is not in the operation") from None


async def read_multipart_operation(request: Request, storage: ObjectStorage) -> dict[str, Any]:
    """The operation of a multipart request, with each mapped file stored and in its place."""
    async with request.form() as form:
        operations = _json_field(form, "operations")
        mapping = _json_field(form, "map")
        if not isinstance(operations, dict) or not isinstance(mapping, dict):
            raise HTTPException(400, "'operations' must be one JSON operation and 'map' a JSON object")
        for key, paths in mapping.items():
            upload = form.get(key)
            if not isinstance(upload, UploadFile) or not isinstance(paths, list):
                raise HTTPException(400, f"The map names the file field '{key}', which the request lacks")
            content = await upload.read()
            name = upload.filename or key
            metadata = await anyio.to_thread.run_sync(store_file, storage, name, content, upload.content_type)
            for path in paths:
                _place(operations, str(path), metadata)
    return operations
