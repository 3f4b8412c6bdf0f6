"""The repository against our server, driven by OpsMill's `infrahubctl` as a user drives it.

Load the schema and the objects, run the fabric generator, render a configuration and the cable
plan, run the checks, then shrink the design: the generator deletes what it no longer produces.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from generators_repository import FIXTURES, REPOSITORY
from live_server import ADMIN_TOKEN as TOKEN
from live_server import running_server

pytestmark = [pytest.mark.compat, pytest.mark.e2e]

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


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """Our server in a subprocess on loopback, on a fresh SQLite file."""
    with running_server(tmp_path) as live:
        yield live.address


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
