"""Servers for the server's tests: an app on a temporary SQLite file with an in-process client,
and a real `infrahub-server start` subprocess on a free loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url
from starlette.applications import Starlette

from infrahub_server import app as server_app
from infrahub_server.app import create_app
from infrahub_server.auth.passwords import hash_password
from infrahub_server.middleware.metrics import RequestMetrics
from infrahub_server.settings import Settings

ADMIN_TOKEN = "06438eb2-8019-4776-878c-0941b1f1d1ec"
ADMIN_PASSWORD = "infrahub"


@pytest.fixture(scope="session")
def admin_password_hash() -> str:
    """The admin password as a cheap bcrypt hash: seeding and login then cost milliseconds."""
    return hash_password(ADMIN_PASSWORD, rounds=4)


def _settings(database_url: str, admin_password_hash: str) -> Settings:
    return Settings(
        database_url=database_url, initial_admin_password=admin_password_hash, initial_admin_token=ADMIN_TOKEN
    )


@pytest.fixture
def empty_settings(database_url: str, admin_password_hash: str) -> Settings:
    """Settings for a server on an empty database (its first start seeds it): SQLite, and
    PostgreSQL when one is available."""
    return _settings(database_url, admin_password_hash)


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory, admin_password_hash: str) -> Path:
    """A SQLite database after the server's first start, made once per test session."""
    path = tmp_path_factory.mktemp("seeded") / "infrahub.db"
    context = server_app.start_server(_settings(f"sqlite:///{path}", admin_password_hash), RequestMetrics())
    context.store.close()
    return path


@pytest.fixture
def server_settings(empty_settings: Settings, seeded_sqlite: Path) -> Settings:
    """Settings for a server that has started once before. On SQLite the database is a copy of
    `seeded_sqlite`, which spares each test the first start's seeding."""
    database = make_url(empty_settings.database_url).database
    if empty_settings.is_sqlite and database:
        shutil.copyfile(seeded_sqlite, database)
    return empty_settings


@asynccontextmanager
async def serving(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client for `app`, with the app's lifespan running around it."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


Serve = Callable[[Starlette], AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def serve() -> Serve:
    """`async with serve(app) as client:` for tests that build their own app."""
    return serving


@pytest.fixture
def app(server_settings: Settings) -> Starlette:
    return create_app(server_settings)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(app) as client:
        yield client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment_without_settings() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if not name.startswith("INFRAHUB_")}


@dataclass
class ServerProcess:
    process: subprocess.Popen[bytes]
    address: str
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text()

    def wait_until_answering(self, timeout: float) -> float:
        """Seconds from now until `/api/info` answers 200; fails with the server's output otherwise."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                pytest.fail(f"server exited with {self.process.returncode}:\n{self.output()}")
            try:
                if httpx.get(f"{self.address}/api/info", timeout=1).status_code == 200:
                    return time.monotonic() - started
            except httpx.TransportError:
                time.sleep(0.01)
        pytest.fail(f"server did not answer within {timeout} s:\n{self.output()}")


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., ServerProcess]]:
    """Launch `infrahub-server start` in `tmp_path` or `workdir` (its database there); every
    launched server is stopped after the test."""
    launched: list[ServerProcess] = []

    def launch(*args: str, workdir: Path = tmp_path, **env: str) -> ServerProcess:
        port = free_port()
        log = workdir / f"server-{len(launched)}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "infrahub_server.cli", "start", "--port", str(port), *args],
                cwd=workdir,
                env={**_environment_without_settings(), "INFRAHUB_INITIAL_ADMIN_TOKEN": ADMIN_TOKEN, **env},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        server = ServerProcess(process, f"http://127.0.0.1:{port}", log)
        launched.append(server)
        return server

    yield launch
    for server in launched:
        server.stop()
