"""A server loaded with the `generators/` fabric, and labs of real FRR routers built from it.

The lab tests need root and FRR; without them they skip and say which is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lab_fabric_server import REPOSITORY, FabricServer
from live_server import running_server

from labkit import Lab, missing_prerequisites

LAB_PREFIX = "etest-"


@pytest.fixture(scope="session")
def fabric_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FabricServer]:
    """Our server with the network schema and objects loaded and the fabric generator run (6 routers)."""
    workdir = tmp_path_factory.mktemp("fabric-server")
    repository = workdir / "network"
    shutil.copytree(REPOSITORY, repository, ignore=shutil.ignore_patterns("__pycache__"))
    with running_server(workdir) as server:
        fabric = FabricServer(server, repository)
        fabric.infrahubctl("schema", "load", "schemas/network.yml")
        fabric.infrahubctl("object", "load", "objects/")
        fabric.infrahubctl("generator", "fabric", "name=dc1")
        yield fabric


@pytest.fixture(scope="session")
def lab_machine() -> None:
    """Skips, with the reason, where a lab cannot run (not root, FRR or OpenSSH missing); fails
    instead where the run demands the lab (`INFRAHUB_TEST_REQUIRE_LAB=1`, set by CI)."""
    missing = missing_prerequisites()
    if missing and os.environ.get("INFRAHUB_TEST_REQUIRE_LAB") == "1":
        pytest.fail("the lab must run here: " + "; ".join(missing))
    if missing:
        pytest.skip("; ".join(missing))


@pytest.fixture(scope="module")
def lab(lab_machine: None, fabric_server: FabricServer) -> Iterator[Lab]:
    """The fabric's routers up (namespaces, links, FRR, sshd), and all of it removed afterwards."""
    lab = Lab(LAB_PREFIX)
    lab.down()  # what an interrupted earlier run left behind
    lab.up(fabric_server.topology())
    yield lab
    lab.down()


def _command_lines() -> list[str]:
    lines = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(" ".join(path.read_bytes().decode(errors="replace").split("\0")))
        except OSError:
            continue
    return lines


def lab_leftovers(prefix: str) -> dict[str, list[str]]:
    """Everything on this machine that carries the lab's prefix: `down` must leave all lists empty."""
    namespaces = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=True).stdout
    links = subprocess.run(["ip", "-o", "link", "show"], capture_output=True, text=True, check=True).stdout
    link_names = [line.split(": ")[1] for line in links.splitlines()]
    state_directory = f"/run/infrahub-lab/{prefix.rstrip('-')}/"
    return {
        "namespaces": [line.split()[0] for line in namespaces.splitlines() if line.startswith(prefix)],
        "links": [name for name in link_names if name.startswith(prefix)],
        "processes": [line for line in _command_lines() if f"-N {prefix}" in line or state_directory in line],
        "files": [
            str(path)
            for path in [
                *Path("/etc/frr").glob(f"{prefix}*"),
                *Path("/var/run/frr").glob(f"{prefix}*"),
                Path(state_directory),
            ]
            if path.exists()
        ],
    }


@pytest.fixture
def leftovers() -> Callable[[str], dict[str, list[str]]]:
    return lab_leftovers
