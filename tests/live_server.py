"""A real server in a subprocess on a free loopback port, for tests whose clients need a socket
(sync SDK clients, Nornir, Ansible, OpsMill's official tools)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ADMIN_TOKEN = "06438eb2-8019-4776-878c-0941b1f1d1ec"
"""The admin token of OpsMill's test containers: official test code runs with fewer edits."""


@dataclass(frozen=True)
class LiveServer:
    address: str
    token: str
    workdir: Path

    def env(self, **extra: str) -> dict[str, str]:
        """An environment for a client subprocess: the SDK's INFRAHUB_* variables point here."""
        return {
            **os.environ,
            "INFRAHUB_ADDRESS": self.address,
            "INFRAHUB_API_TOKEN": self.token,
            **extra,
        }

    @property
    def log(self) -> str:
        return (self.workdir / "server.log").read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(workdir: Path, *, database_url: str | None = None, **env: str) -> Iterator[LiveServer]:
    """Start `infrahub-server start` on a fresh SQLite file in `workdir` (or `database_url`)."""
    port = free_port()
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("INFRAHUB_")}
    server_env = {
        **inherited,
        "INFRAHUB_DATABASE_URL": database_url or f"sqlite:///{workdir / 'infrahub.db'}",
        "INFRAHUB_INITIAL_ADMIN_TOKEN": ADMIN_TOKEN,
        **env,
    }
    with (workdir / "server.log").open("wb") as log:
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
            cwd=workdir,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(address=f"http://127.0.0.1:{port}", token=ADMIN_TOKEN, workdir=workdir)
    try:
        _wait_until_answering(process, server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(process: subprocess.Popen[bytes], server: LiveServer) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{server.log}")
        try:
            if httpx.get(f"{server.address}/api/info", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"the server did not answer within 30 s:\n{server.log}")
