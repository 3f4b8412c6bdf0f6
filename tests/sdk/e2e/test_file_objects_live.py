"""File objects through the SDK against the real server: a multipart create, download, and an
upload skipped when the content did not change."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrahub_sdk.exceptions import FeatureNotSupportedError, GraphQLError

from .harness import in_process_client

pytestmark = pytest.mark.e2e

CONTRACTS = {
    "version": "1.0",
    "nodes": [
        {
            "name": "Contract",
            "namespace": "Legal",
            "inherit_from": ["CoreFileObject"],
            "human_friendly_id": ["reference__value"],
            "attributes": [{"name": "reference", "kind": "Text", "unique": True}],
        }
    ],
}


async def test_file_objects_upload_download_and_skip_unchanged(tmp_path: Path) -> None:
    async with in_process_client(tmp_path / "infrahub.db") as client:
        response = await client.schema.load([CONTRACTS], wait_until_converged=True)
        assert response.schema_updated, response.errors

        contract = await client.create(kind="LegalContract", reference="C-1")
        contract.upload_from_bytes(b"first version\n", name="c1.txt")
        await contract.save()

        fetched = await client.get(kind="LegalContract", reference__value="C-1")
        assert fetched.file_name.value == "c1.txt"
        assert fetched.file_size.value == 14
        assert await fetched.download_file() == b"first version\n"
        copy = tmp_path / "copy.txt"
        assert await fetched.download_file(dest=copy) == 14
        assert await fetched.download_file(dest=copy, skip_if_unchanged=True) == 0

        same = await fetched.upload_if_changed(b"first version\n", name="c1.txt")
        assert not same.was_uploaded
        source = tmp_path / "c1-v2.txt"
        source.write_bytes(b"second version\n")
        changed = await fetched.upload_if_changed(source)
        assert changed.was_uploaded
        again = await client.get(kind="LegalContract", reference__value="C-1")
        assert await again.download_file() == b"second version\n"
        assert again.checksum.value == changed.checksum

        tag = await client.create(kind="BuiltinTag", name="red")
        with pytest.raises(FeatureNotSupportedError):
            tag.upload_from_bytes(b"x", name="x.txt")


async def test_a_file_object_cannot_be_created_without_its_file(tmp_path: Path) -> None:
    async with in_process_client(tmp_path / "infrahub.db") as client:
        await client.schema.load([CONTRACTS], wait_until_converged=True)
        contract = await client.create(kind="LegalContract", reference="C-2")
        with pytest.raises(GraphQLError, match="file"):
            await contract.save()
        assert await client.count(kind="LegalContract") == 0
