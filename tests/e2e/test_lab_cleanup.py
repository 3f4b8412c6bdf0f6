"""`down` removes every namespace, link, process and file a lab made: after a normal run, and by name
after a crash that lost the state file."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from lab_fabric_server import FabricServer

from labkit import Lab, LabError

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

Leftovers = Callable[[str], dict[str, list[str]]]
NOTHING: dict[str, list[str]] = {"namespaces": [], "links": [], "processes": [], "files": []}


def labkit(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "labkit", *arguments], capture_output=True, text=True, timeout=120, check=False
    )


def test_down_removes_everything_the_lab_made(
    lab_machine: None, fabric_server: FabricServer, leftovers: Leftovers
) -> None:
    lab = Lab("eclean-")
    lab.up(fabric_server.topology())
    made = leftovers("eclean-")
    assert len(made["namespaces"]) == 6
    assert "eclean-mgmt" in made["links"]
    assert len(made["processes"]) == 6 * 4

    cleanup = lab.down()

    assert leftovers("eclean-") == NOTHING
    assert sorted(cleanup.namespaces) == sorted(made["namespaces"])
    assert len(cleanup.pids) == 6 * 4


def test_a_second_lab_on_the_same_management_network_is_refused_and_leaves_nothing(
    lab_machine: None, fabric_server: FabricServer, leftovers: Leftovers
) -> None:
    first = Lab("efirst-")
    first.up(fabric_server.topology())
    try:
        with pytest.raises(LabError, match=r"management network 10\.254\.0\.0/24 overlaps"):
            Lab("esecond-").up(fabric_server.topology())
        with pytest.raises(LabError, match="already up"):
            first.up(fabric_server.topology())
        assert leftovers("esecond-") == NOTHING
        assert all(status.namespace_exists for status in first.status())
    finally:
        first.down()


def test_down_after_a_crash_removes_the_lab_by_name(
    lab_machine: None, fabric_server: FabricServer, leftovers: Leftovers
) -> None:
    server = fabric_server.server
    up = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "labkit",
            "up",
            "--prefix",
            "ecrash-",
            "--address",
            server.address,
            "--token",
            server.token,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not leftovers("ecrash-")["processes"] and up.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    up.send_signal(signal.SIGKILL)
    up.wait()
    Path("/run/infrahub-lab/ecrash/state.json").unlink(missing_ok=True)
    assert leftovers("ecrash-")["namespaces"]

    down = labkit("down", "--prefix", "ecrash-")

    assert down.returncode == 0, down.stderr
    assert leftovers("ecrash-") == NOTHING
    assert labkit("status", "--prefix", "ecrash-").stdout == "no lab with prefix 'ecrash-' is up\n"
