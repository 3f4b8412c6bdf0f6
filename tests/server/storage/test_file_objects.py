"""File objects: a node of a kind inheriting CoreFileObject gets its file attributes from the
uploaded file, and its content downloads by node id, HFID or storage id."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from infrahub_server.api.context import ServerContext
from infrahub_server.errors import ValidationError
from infrahub_server.nodes.service import NodeService
from infrahub_server.storage import object_storage, store_file, uploaded_file

ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}
DOCUMENT_SCHEMA = {
    "version": "1.0",
    "nodes": [
        {
            "name": "Contract",
            "namespace": "Lab",
            "inherit_from": ["CoreFileObject"],
            "human_friendly_id": ["title__value"],
            "attributes": [{"name": "title", "kind": "Text", "unique": True}],
        }
    ],
}
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 4


async def _load_schema(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/schema/load", json={"schemas": [DOCUMENT_SCHEMA]}, headers=ADMIN)
    assert response.status_code == 200, response.text


def _save_contract(
    app: Starlette, data: dict[str, Any], file_name: str, content: bytes, *, node_id: str | None = None
) -> str:
    context: ServerContext = app.state.server
    metadata = store_file(object_storage(context.settings), file_name, content, None)
    schema = context.schemas.for_branch_name("main")
    with context.store.change_set("main", actor_id=None) as writer, uploaded_file(metadata):
        service = NodeService(schema, writer)
        if node_id is None:
            return service.create("LabContract", data)
        return service.update("LabContract", {"id": node_id, **data})


async def test_a_file_object_downloads_by_id_hfid_and_storage_id(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    await _load_schema(client)
    node_id = _save_contract(app, {"title": {"value": "Transit"}}, "transit contract.pdf", PDF)

    by_id = await client.get(f"/api/storage/files/{node_id}", headers=ADMIN)
    by_hfid = await client.get("/api/storage/files/by-hfid/LabContract?hfid=Transit", headers=ADMIN)

    assert by_id.status_code == 200
    assert by_id.content == PDF
    assert by_id.headers["content-type"] == "application/pdf"
    assert by_id.headers["content-disposition"] == (
        "attachment; filename=\"transit contract.pdf\"; filename*=UTF-8''transit%20contract.pdf"
    )
    assert by_hfid.content == PDF
    query = "query { LabContract { edges { node { file_name { value } checksum { value } file_size { value } storage_id { value } } } } }"
    answer = await client.post("/graphql/main", json={"query": query}, headers=ADMIN)
    node = answer.json()["data"]["LabContract"]["edges"][0]["node"]
    assert {name: value["value"] for name, value in node.items() if name != "storage_id"} == {
        "file_name": "transit contract.pdf",
        "checksum": hashlib.sha1(PDF).hexdigest(),
        "file_size": len(PDF),
    }
    storage_id = node["storage_id"]["value"]
    by_storage_id = await client.get(
        f"/api/storage/files/by-storage-id/{storage_id}?preview=true", headers=ADMIN
    )
    assert by_storage_id.content == PDF
    assert by_storage_id.headers["content-disposition"].startswith("inline;")
    raw = await client.get(f"/api/storage/object/{storage_id}", headers=ADMIN)
    assert raw.status_code == 403


async def test_a_new_upload_replaces_the_content_of_a_file_object(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    await _load_schema(client)
    node_id = _save_contract(app, {"title": {"value": "Peering"}}, "peering.txt", b"v1")

    _save_contract(app, {}, "peering-v2.txt", b"version two", node_id=node_id)

    download = await client.get(f"/api/storage/files/{node_id}", headers=ADMIN)
    assert download.content == b"version two"
    assert download.headers["content-type"].startswith("text/plain")
    assert "peering-v2.txt" in download.headers["content-disposition"]


async def test_a_file_object_cannot_be_created_without_a_file(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    await _load_schema(client)
    context: ServerContext = app.state.server
    schema = context.schemas.for_branch_name("main")

    with (
        pytest.raises(ValidationError, match="A file must be uploaded"),
        context.store.change_set("main", actor_id=None) as writer,
    ):
        NodeService(schema, writer).create("LabContract", {"title": {"value": "Empty"}})


async def test_unknown_file_objects_are_404(client: httpx.AsyncClient) -> None:
    await _load_schema(client)

    by_id = await client.get("/api/storage/files/0b6f3a52-8a40-4f0e-9d43-3d6f5e0c1a11", headers=ADMIN)
    by_hfid = await client.get("/api/storage/files/by-hfid/LabContract?hfid=Nothing", headers=ADMIN)
    not_a_file = await client.get("/api/storage/files/by-hfid/BuiltinTag?hfid=x", headers=ADMIN)

    assert (by_id.status_code, by_hfid.status_code, not_a_file.status_code) == (404, 404, 422)
