"""Against a real server: a Python transform's SDK client reaches the server that runs it with the
caller's API token, and the SDK's `query_gql_query` runs stored queries through `/api/query`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.live_server import running_server

TRANSFORM = """
from infrahub_sdk.transforms import InfrahubTransform


class TagCount(InfrahubTransform):
    query = "tags"

    async def transform(self, data):
        again = await self.client.query_gql_query(name="tags", variables={"name": "leaf1"})
        tags = await self.client.all(kind="BuiltinTag")
        return {
            "from_query": len(data["BuiltinTag"]["edges"]),
            "stored_query": again["data"]["BuiltinTag"]["edges"][0]["node"]["name"]["value"],
            "from_sdk": sorted(tag.name.value for tag in tags),
            "branch": self.branch,
        }
"""
TAGS_QUERY = (
    "query Tags($name: String) { BuiltinTag(name__value: $name) { edges { node { name { value } } } } }"
)


def _create(http: httpx.Client, kind: str, data: dict[str, Any]) -> str:
    response = http.post(
        "/graphql/main",
        json={
            "query": f"mutation M($data: {kind}CreateInput!) {{ {kind}Create(data: $data) {{ object {{ id }} }} }}",
            "variables": {"data": data},
        },
    )
    body = response.json()
    assert not body.get("errors"), body
    node_id: str = body["data"][f"{kind}Create"]["object"]["id"]
    return node_id


@pytest.mark.slow
def test_the_transform_client_uses_the_callers_token_on_this_server(tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    repository.mkdir()
    (repository / "tag_count.py").write_text(TRANSFORM)
    with (
        running_server(tmp_path) as server,
        httpx.Client(base_url=server.address, headers={"X-INFRAHUB-KEY": server.token}, timeout=60) as http,
    ):
        for name in ("leaf1", "spine1"):
            _create(http, "BuiltinTag", {"name": {"value": name}})
        query_id = _create(
            http, "CoreGraphQLQuery", {"name": {"value": "tags"}, "query": {"value": TAGS_QUERY}}
        )
        repository_id = _create(
            http,
            "CoreReadOnlyRepository",
            {"name": {"value": "repository"}, "location": {"value": str(repository)}},
        )
        _create(
            http,
            "CoreTransformPython",
            {
                "name": {"value": "tag_count"},
                "file_path": {"value": "tag_count.py"},
                "class_name": {"value": "TagCount"},
                "query": {"id": query_id},
                "repository": {"id": repository_id},
            },
        )

        response = http.get("/api/transform/python/tag_count")

    assert response.status_code == 200, response.text
    assert response.json() == {
        "from_query": 2,
        "stored_query": "leaf1",
        "from_sdk": ["leaf1", "spine1"],
        "branch": "main",
    }
