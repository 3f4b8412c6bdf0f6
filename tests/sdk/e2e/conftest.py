"""Fixtures of the end-to-end tests: a fresh in-process server per test, one subprocess server per module."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from infrahub_sdk import Config, InfrahubClient, InfrahubClientSync

from .harness import LiveServer, in_process_client, network_schema, server_subprocess


@pytest.fixture(scope="session")
def schema_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the network schema loaded, built once and copied by every test that needs it."""
    database = tmp_path_factory.mktemp("template") / "infrahub.db"

    async def load() -> None:
        async with in_process_client(database) as client:
            response = await client.schema.load([network_schema()], wait_until_converged=True)
            assert response.schema_updated, response.errors

    asyncio.run(load())
    return database


@pytest.fixture
async def client(schema_database: Path, tmp_path: Path) -> AsyncIterator[InfrahubClient]:
    """An async client on a server of its own, holding the network schema and no data."""
    database = tmp_path / "infrahub.db"
    for source in schema_database.parent.glob(f"{schema_database.name}*"):
        shutil.copy(source, tmp_path / source.name)
    async with in_process_client(database, pagination_size=3) as client:
        yield client


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with server_subprocess(tmp_path_factory.mktemp("server")) as server:
        yield server


@pytest.fixture(scope="module")
def sync_client(live_server: LiveServer) -> Iterator[InfrahubClientSync]:
    """A sync client on the subprocess server, with the network schema loaded."""
    config = Config(address=live_server.address, api_token=live_server.token, pagination_size=3)
    with InfrahubClientSync(config=config) as client:
        client.schema.load([network_schema()], wait_until_converged=True)
        yield client
