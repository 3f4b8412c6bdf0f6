"""Real servers for the SDK's end-to-end tests: in-process (ASGI) for the async client, a subprocess
on loopback for the sync client and the CLI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

from infrahub_sdk import Config, InfrahubClient

ADMIN_TOKEN = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class LiveServer:
    address: str
    token: str

    def env(self, **extra: str) -> dict[str, str]:
        """The environment for an `infrahubctl` subprocess or client talking to this server."""
        return {**os.environ, "INFRAHUB_ADDRESS": self.address, "INFRAHUB_API_TOKEN": self.token, **extra}


@contextmanager
def server_subprocess(workdir: Path) -> Iterator[LiveServer]:
    """`python -m infrahub_server.cli start` on a free loopback port, until the context ends."""
    port = _free_port()
    env = {
        **os.environ,
        "INFRAHUB_DATABASE_URL": f"sqlite:///{workdir / 'infrahub.db'}",
        "INFRAHUB_INITIAL_ADMIN_TOKEN": ADMIN_TOKEN,
    }
    log_path = workdir / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "infrahub_server.cli",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            cwd=workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(address=f"http://127.0.0.1:{port}", token=ADMIN_TOKEN)
    try:
        _wait_ready(server, process, log_path)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(server: LiveServer, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log_path.read_text(errors='replace')}")
        try:
            if httpx.get(f"{server.address}/api/config", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"server not ready after 30 s: {log_path.read_text(errors='replace')}")
