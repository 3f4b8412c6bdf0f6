"""Stored queries and transforms against an in-process server: GraphQL helpers and a repository
folder (a plain directory, which the server reads as it is) that tests fill with templates and
Python transforms."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from infrahub_server.api.context import ServerContext
from infrahub_server.app import create_app
from infrahub_server.nodes import NodeService
from infrahub_server.settings import Settings

ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}
TAGS_QUERY = (
    "query Tags($name: String) { BuiltinTag(name__value: $name) { edges { node { id name { value } } } } }"
)


@pytest.fixture
def automation_settings(server_settings: Settings) -> Settings:
    """Small limits for user code, so the tests that exceed them finish quickly."""
    return dataclasses.replace(server_settings, user_code_timeout=20.0, user_code_memory_mb=384)


@pytest.fixture
def app(automation_settings: Settings) -> Starlette:
    return create_app(automation_settings)


class Api:
    """GraphQL calls as the admin; every helper asserts that the call succeeded."""

    def __init__(self, client: httpx.AsyncClient, app: Starlette) -> None:
        self.client = client
        self.app = app

    async def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql/main", json={"query": query, "variables": variables or {}}, headers=ADMIN
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def create(self, kind: str, data: dict[str, Any]) -> str:
        body = await self.graphql(
            f"mutation Create($data: {kind}CreateInput!) {{ {kind}Create(data: $data) {{ ok object {{ id }} }} }}",
            {"data": data},
        )
        assert not body.get("errors"), body
        node_id: str = body["data"][f"{kind}Create"]["object"]["id"]
        return node_id

    async def tag(self, name: str) -> str:
        return await self.create("BuiltinTag", {"name": {"value": name}})

    async def stored_query(self, name: str, text: str = TAGS_QUERY) -> str:
        return await self.create("CoreGraphQLQuery", {"name": {"value": name}, "query": {"value": text}})

    async def repository(self, directory: Path) -> str:
        """A repository whose location is the plain folder `directory`, read as it is. Written with
        the node service: the GraphQL mutation would also start a sync, which these tests do not need."""
        context: ServerContext = self.app.state.server
        schema = context.schemas.for_branch_name("main")
        data = {"name": {"value": directory.name}, "location": {"value": str(directory)}}
        with context.store.change_set("main", actor_id=None) as writer:
            return NodeService(schema, writer).create("CoreReadOnlyRepository", data)


@pytest.fixture
def api(client: httpx.AsyncClient, app: Starlette) -> Api:
    return Api(client, app)


@pytest.fixture
def repository_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "network-config"
    folder.mkdir()
    return folder
