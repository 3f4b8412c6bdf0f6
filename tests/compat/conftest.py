"""OpsMill's official clients against our server.

The official `infrahub-sdk` shares the `infrahub_sdk` import name with ours, so the clients live in
a virtualenv of their own, created once outside the repository and reused across runs; each test
drives them as subprocesses against a real server subprocess on loopback.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cached_venv import cached_venv
from live_server import LiveServer, running_server

OFFICIAL_PACKAGES = ("infrahub-sdk[ctl]==1.23.2", "nornir-infrahub==1.2.0")


@dataclass(frozen=True)
class OfficialClients:
    venv: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def infrahubctl(self) -> Path:
        return self.venv / "bin" / "infrahubctl"


@pytest.fixture(scope="session")
def official_clients() -> OfficialClients:
    return OfficialClients(cached_venv("official-clients", OFFICIAL_PACKAGES))


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_server(tmp_path_factory.mktemp("server")) as server:
        yield server


def run_official(
    clients: OfficialClients, server: LiveServer, script: str, tmp_path: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a Python script with the official packages against `server`; fail with its output."""
    path = tmp_path / "scenario.py"
    path.write_text(script)
    result = subprocess.run(
        [str(clients.python), str(path)],
        env=server.env(**env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result
