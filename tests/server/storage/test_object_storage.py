"""Object storage: content round trips through the REST routes, is stored once per content, and
the routes refuse anonymous writes and unknown identifiers."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from infrahub_server.settings import Settings
from infrahub_server.storage import ObjectStorage, storage_directory

ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}


async def test_uploaded_content_reads_back_byte_for_byte(client: httpx.AsyncClient) -> None:
    content = "hostname leaf1\nrouter bgp 65001\n  neighbor 10.0.0.1 remote-as 65000 ✓\n"

    upload = await client.post("/api/storage/upload/content", json={"content": content}, headers=ADMIN)

    assert upload.status_code == 200
    body = upload.json()
    assert body["checksum"] == hashlib.md5(content.encode()).hexdigest()
    fetched = await client.get(f"/api/storage/object/{body['identifier']}", headers=ADMIN)
    assert fetched.status_code == 200
    assert fetched.content == content.encode()


async def test_the_same_content_is_stored_once(client: httpx.AsyncClient, storage_settings: Settings) -> None:
    first = await client.post("/api/storage/upload/content", json={"content": "same"}, headers=ADMIN)
    second = await client.post("/api/storage/upload/content", json={"content": "same"}, headers=ADMIN)
    other = await client.post("/api/storage/upload/content", json={"content": "other"}, headers=ADMIN)

    assert first.json() == second.json()
    assert other.json()["identifier"] != first.json()["identifier"]
    stored = [path for path in storage_directory(storage_settings).rglob("*") if path.is_file()]
    assert len(stored) == 2


async def test_an_uploaded_file_reads_back(client: httpx.AsyncClient) -> None:
    payload = bytes(range(256)) * 10

    upload = await client.post(
        "/api/storage/upload/file",
        files={"file": ("blob.bin", payload, "application/octet-stream")},
        headers=ADMIN,
    )

    assert upload.status_code == 200
    assert upload.json()["checksum"] == hashlib.md5(payload).hexdigest()
    fetched = await client.get(f"/api/storage/object/{upload.json()['identifier']}", headers=ADMIN)
    assert fetched.content == payload


async def test_anonymous_uploads_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/storage/upload/content", json={"content": "x"})

    assert response.status_code == 401


@pytest.mark.parametrize(
    "identifier", ["0b6f3a52-8a40-4f0e-9d43-3d6f5e0c1a11", "..%2F..%2Fetc%2Fpasswd", "nope"]
)
async def test_an_unknown_object_is_a_404(client: httpx.AsyncClient, identifier: str) -> None:
    response = await client.get(f"/api/storage/object/{identifier}", headers=ADMIN)

    assert response.status_code == 404
    assert response.json()["errors"][0]["extensions"]["code"] == 404


def test_storage_sits_beside_the_sqlite_file_unless_configured(tmp_path: Path) -> None:
    beside = Settings(database_url=f"sqlite:///{tmp_path}/data/infrahub.db")
    configured = Settings(
        database_url=f"sqlite:///{tmp_path}/infrahub.db", storage_directory=str(tmp_path / "blobs")
    )

    assert storage_directory(beside) == tmp_path / "data" / "storage"
    assert storage_directory(configured) == tmp_path / "blobs"


def test_a_stored_object_is_complete_or_absent(tmp_path: Path) -> None:
    storage = ObjectStorage(tmp_path)

    stored = storage.store(b"x" * 100_000)

    assert storage.retrieve(stored.identifier) == b"x" * 100_000
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [stored.identifier]
