"""The repository against our server, driven by OpsMill's `infrahubctl` as a user drives it.

Load the schema and the objects, run the fabric generator, render a configuration and the cable
plan, run the checks, then shrink the design: the generator deletes what it no longer produces.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from generators_repository import FIXTURES, REPOSITORY

pytestmark = [pytest.mark.compat, pytest.mark.e2e]

TOKEN = "06438eb2-8019-4776-878c-0941b1f1d1ec"
COUNT_SCRIPT = """
import json
from infrahub_sdk import InfrahubClientSync
client = InfrahubClientSync()
kinds = ["NetDevice", "NetInterface", "NetCable", "NetBGPSession", "IpamIPAddress", "IpamIPPrefix"]
print(json.dumps({kind: len(client.all(kind)) for kind in kinds}))
"""
SHRINK_SCRIPT = """
from infrahub_sdk import InfrahubClientSync
design = InfrahubClientSync().get(kind="NetFabricDesign", name__value="dc1")
design.leaf_count.value = 3
design.save()
"""


@dataclass(frozen=True)
class Session:
    venv: Path
    address: str
    workdir: Path

    def run(self, *command: str) -> str:
        env = {
            "PATH": f"{self.venv / 'bin'}:{os.environ.get('PATH', '')}",
            "HOME": str(self.workdir),
            "INFRAHUB_ADDRESS": self.address,
            "INFRAHUB_API_TOKEN": TOKEN,
            "COLUMNS": "200",
        }
        result = subprocess.run(
            [str(self.venv / "bin" / command[0]), *command[1:]],
            cwd=self.workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
        return result.stdout

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = json.loads(self.run("python", "-c", COUNT_SCRIPT))
        return counts


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(address: str) -> bool:
    try:
        return httpx.get(f"{address}/api/info", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """Our server in a subprocess on loopback, on a fresh SQLite file."""
    port = _free_port()
    env = {
        **os.environ,
        "INFRAHUB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "INFRAHUB_INITIAL_ADMIN_TOKEN": TOKEN,
    }
    log_path = tmp_path / "server.log"
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
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while not _answers(address):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"server did not start: {log_path.read_text()}")
            time.sleep(0.05)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_generate_render_check_and_shrink(official_venv: Path, template_copy: Path, server: str) -> None:
    session = Session(official_venv, server, template_copy)
    session.run("infrahubctl", "schema", "load", "schemas/network.yml")
    session.run("infrahubctl", "object", "load", "objects/")

    session.run("infrahubctl", "generator", "fabric", "name=dc1")
    full = {
        "NetDevice": 6,
        "NetInterface": 28,
        "NetCable": 8,
        "NetBGPSession": 16,
        "IpamIPAddress": 28,
        "IpamIPPrefix": 11,
    }
    assert session.counts() == full
    session.run("infrahubctl", "generator", "fabric", "name=dc1")
    assert session.counts() == full

    session.run("infrahubctl", "render", "frr_config", "device=dc1-leaf3", "--out", "leaf3.conf")
    rendered = (template_copy / "leaf3.conf").read_text()
    # Interfaces come in the server's order; the lines are those of the fixture rendered from the same data.
    assert sorted(rendered.splitlines()) == sorted((FIXTURES / "frr_leaf.conf").read_text().splitlines())
    session.run("infrahubctl", "transform", "cable_plan_csv", "design=dc1", "--out", "cables.csv")
    assert (template_copy / "cables.csv").read_text() == (
        REPOSITORY / "tests/cable_plan/output.csv"
    ).read_text()
    checks = session.run("infrahubctl", "check")
    assert checks.count("PASSED") == 2

    session.run("python", "-c", SHRINK_SCRIPT)
    session.run("infrahubctl", "generator", "fabric", "name=dc1")
    assert session.counts() == {
        "NetDevice": 5,
        "NetInterface": 22,
        "NetCable": 6,
        "NetBGPSession": 12,
        "IpamIPAddress": 22,
        "IpamIPPrefix": 9,
    }
