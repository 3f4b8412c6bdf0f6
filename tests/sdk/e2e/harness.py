"""Real servers for the SDK's end-to-end tests: in-process (ASGI) for the async client, a subprocess
on loopback for the sync client and the CLI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx
import yaml
from live_server import ADMIN_TOKEN, LiveServer, running_server

from infrahub_sdk import Config, InfrahubClient

__all__ = ["ADMIN_TOKEN", "LiveServer", "in_process_client", "network_schema", "server_subprocess"]
ADMIN_PASSWORD = "infrahub"
REPO_ROOT = Path(__file__).resolve().parents[3]
GENERATORS_DIR = REPO_ROOT / "generators"
NETWORK_SCHEMA = GENERATORS_DIR / "schemas" / "network.yml"


def network_schema() -> dict[str, Any]:
    content: dict[str, Any] = yaml.safe_load(NETWORK_SCHEMA.read_text(encoding="utf-8"))
    return content


@asynccontextmanager
async def in_process_client(database: Path, **config: Any) -> AsyncIterator[InfrahubClient]:
    """An `InfrahubClient` talking to a fresh server app through `httpx.ASGITransport`."""
    from infrahub_server.app import create_app
    from infrahub_server.settings import Settings

    app = create_app(Settings(database_url=f"sqlite:///{database}", initial_admin_token=ADMIN_TOKEN))
    async with app.router.lifespan_context(app):
        options: dict[str, Any] = {"address": "http://infrahub.test", "api_token": ADMIN_TOKEN, **config}
        async with InfrahubClient(config=Config(**options), transport=httpx.ASGITransport(app=app)) as client:
            yield client


@contextmanager
def server_subprocess(workdir: Path) -> Iterator[LiveServer]:
    """`python -m infrahub_server.cli start` on a free loopback port, until the context ends."""
    with running_server(workdir) as server:
        yield server
