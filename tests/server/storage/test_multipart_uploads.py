"""GraphQL multipart requests: files land in object storage and in the operation's variables as
their metadata, which the Upload scalar accepts."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from graphql import GraphQLError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from infrahub_server.storage import FileMetadata, ObjectStorage
from infrahub_server.storage.multipart import UPLOAD_SCALAR, read_multipart_operation
from tests.server.conftest import serving


def _app(storage: ObjectStorage, seen: list[dict[str, object]]) -> Starlette:
    async def graphql(request: Request) -> JSONResponse:
        operation = await read_multipart_operation(request, storage)
        seen.append(operation)
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


async def test_a_mapped_file_is_stored_and_placed_in_the_variables(tmp_path: Path) -> None:
    storage = ObjectStorage(tmp_path)
    seen: list[dict[str, object]] = []
    operation = {"query": "mutation($file: Upload!) { X(file: $file) { ok } }", "variables": {"file": None}}
    content = b"interface eth0\n"

    async with serving(_app(storage, seen)) as client:
        response = await client.post(
            "/graphql",
            data={"operations": json.dumps(operation), "map": json.dumps({"0": ["variables.file"]})},
            files={"0": ("leaf1.cfg", content, "text/plain")},
        )

    assert response.status_code == 200
    metadata = seen[0]["variables"]["file"]  # type: ignore[index]
    assert isinstance(metadata, FileMetadata)
    assert (metadata.file_name, metadata.checksum, metadata.file_size, metadata.file_type) == (
        "leaf1.cfg",
        hashlib.sha1(content).hexdigest(),
        len(content),
        "text/plain",
    )
    assert storage.retrieve(metadata.storage_id) == content
    assert UPLOAD_SCALAR.parse_value(metadata) is metadata


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"map": "{}"}, "needs the form field 'operations'"),
        ({"operations": '{"query": "{ a }"}', "map": '{"0": ["variables.file"]}'}, "lacks"),
    ],
)
async def test_malformed_multipart_requests_are_400(
    tmp_path: Path, fields: dict[str, str], message: str
) -> None:
    async with serving(_app(ObjectStorage(tmp_path), [])) as client:
        response = await client.post("/graphql", data=fields, files={"unrelated": ("x", b"x")})

    assert response.status_code == 400
    assert message in response.text


def test_an_upload_cannot_be_given_inline() -> None:
    with pytest.raises(GraphQLError, match="multipart request"):
        UPLOAD_SCALAR.parse_value("/etc/passwd")
