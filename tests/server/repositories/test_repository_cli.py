"""`infrahubctl repository add` against a real server process: the repository is cloned where
`INFRAHUB_GIT_REPOSITORIES_DIRECTORY` says and its declarations are imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.live_server import LiveServer, running_server
from tests.server.repositories.repository_helpers import GitRepository

pytestmark = pytest.mark.e2e

INFRAHUBCTL = Path(sys.executable).parent / "infrahubctl"


def _infrahubctl(server: LiveServer, *args: str) -> str:
    result = subprocess.run(
        [str(INFRAHUBCTL), *args],
        env=server.env(COLUMNS="200"),
        cwd=server.workdir,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_infrahubctl_adds_a_repository_the_server_imports(
    tmp_path: Path, generators_repository: GitRepository
) -> None:
    clones = tmp_path / "clones"
    workdir = tmp_path / "server"
    workdir.mkdir()
    with running_server(workdir, INFRAHUB_GIT_REPOSITORIES_DIRECTORY=str(clones)) as server:
        _infrahubctl(server, "repository", "add", "demo", str(generators_repository.path))

        listing = _infrahubctl(server, "repository", "list")
        response = httpx.post(
            f"{server.address}/graphql/main",
            json={"query": "{ CoreArtifactDefinition { count } CoreRepository { edges { node { id } } } }"},
            headers={"X-INFRAHUB-KEY": server.token},
        )

    assert "in-sync" in listing
    data = response.json()["data"]
    assert data["CoreArtifactDefinition"]["count"] == 4
    repository_id = data["CoreRepository"]["edges"][0]["node"]["id"]
    head = generators_repository.git("rev-parse", "HEAD")
    assert (clones / repository_id / "commits" / head / ".infrahub.yml").is_file()
