"""`/api/transform/python/{name}`: the repository's `InfrahubTransform` runs in a subprocess on the
query's data; raising, running too long or using too much memory is reported, and the server goes on."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.server.automation.conftest import Api

TRANSFORMS = """
import time

from infrahub_sdk.transforms import InfrahubTransform


class TagReport(InfrahubTransform):
    query = "tags"

    async def transform(self, data):
        print("rendering the report")
        return {"names": sorted(edge["node"]["name"]["value"] for edge in data["BuiltinTag"]["edges"])}


class Broken(InfrahubTransform):
    query = "tags"

    def transform(self, data):
        raise ValueError("leaf1 has no uplink")


class Slow(InfrahubTransform):
    query = "tags"

    def transform(self, data):
        time.sleep(60)


class Greedy(InfrahubTransform):
    query = "tags"

    def transform(self, data):
        return len(bytearray(2 * 1024**3))
"""


@pytest.fixture
async def transforms(api: Api, repository_folder: Path) -> Api:
    (repository_folder / "transforms").mkdir()
    (repository_folder / "transforms" / "reports.py").write_text(TRANSFORMS)
    query_id = await api.stored_query("tags")
    repository_id = await api.repository(repository_folder)
    for class_name in ("TagReport", "Broken", "Slow", "Greedy"):
        await api.create(
            "CoreTransformPython",
            {
                "name": {"value": class_name.lower()},
                "file_path": {"value": "transforms/reports.py"},
                "class_name": {"value": class_name},
                "timeout": {"value": 3 if class_name == "Slow" else 30},
                "query": {"id": query_id},
                "repository": {"id": repository_id},
            },
        )
    return api


async def test_the_transform_returns_json_from_the_query_data(
    transforms: Api, client: httpx.AsyncClient
) -> None:
    await transforms.tag("spine1")
    await transforms.tag("leaf1")

    everything = await client.get("/api/transform/python/tagreport")
    one = await client.get("/api/transform/python/tagreport?name=leaf1")

    assert everything.status_code == 200
    assert everything.json() == {"names": ["leaf1", "spine1"]}
    assert one.json() == {"names": ["leaf1"]}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("broken", "Broken in transforms/reports.py failed: ValueError: leaf1 has no uplink"),
        ("slow", "Slow in transforms/reports.py did not finish within 3 seconds"),
        ("greedy", "Greedy in transforms/reports.py exceeded its memory limit of 384 MB"),
    ],
)
async def test_failures_are_reported_and_the_server_goes_on(
    transforms: Api, client: httpx.AsyncClient, name: str, message: str
) -> None:
    response = await client.get(f"/api/transform/python/{name}")

    assert response.status_code == 500
    assert response.json()["errors"] == [{"message": message, "extensions": {"code": 500}}]
    assert (await client.get("/api/transform/python/tagreport")).json() == {"names": []}


async def test_an_unknown_transform_is_404(transforms: Api, client: httpx.AsyncClient) -> None:
    response = await client.get("/api/transform/python/nothing")

    assert response.status_code == 404
