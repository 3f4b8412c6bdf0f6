"""The official SDK's file objects against our server: a GraphQL multipart create, a download and
an unchanged upload skipped, with `infrahub-sdk` 1.23.2 unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import LiveServer, OfficialClients, run_official

pytestmark = [pytest.mark.compat, pytest.mark.e2e]

SCENARIO = """
from pathlib import Path

from infrahub_sdk import InfrahubClientSync

SCHEMA = {
    "version": "1.0",
    "nodes": [{
        "name": "Contract", "namespace": "Legal", "inherit_from": ["CoreFileObject"],
        "human_friendly_id": ["reference__value"],
        "attributes": [{"name": "reference", "kind": "Text", "unique": True}],
    }],
}
client = InfrahubClientSync()
client.schema.load(schemas=[SCHEMA], wait_until_converged=True)
contract = client.create(kind="LegalContract", reference="C-1")
contract.upload_from_bytes(content=b"signed copy\\n", name="contract.txt")
contract.save()
fetched = client.get(kind="LegalContract", reference__value="C-1")
assert fetched.file_name.value == "contract.txt", fetched.file_name.value
assert fetched.download_file() == b"signed copy\\n"
assert fetched.download_file(dest=Path("copy.txt")) == 12
assert not fetched.upload_if_changed(b"signed copy\\n", name="contract.txt").was_uploaded
print("file objects ok")
"""


def test_official_sdk_uploads_and_downloads_file_objects(
    official_clients: OfficialClients, live_server: LiveServer, tmp_path: Path
) -> None:
    result = run_official(official_clients, live_server, SCENARIO, tmp_path)
    assert "file objects ok" in result.stdout
    assert (tmp_path / "copy.txt").read_bytes() == b"signed copy\n"
