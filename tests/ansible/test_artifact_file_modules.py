"""`artifact_generate`, `artifact_fetch` and `node` with files against a real server that imported the
project's example repository (generators/), through self-asserting playbooks."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from ansible_harness import REPO_ROOT, Ansible, RunningServer
from live_server import running_server

pytestmark = pytest.mark.slow

BACKUP_SCHEMA = {
    "version": "1.0",
    "nodes": [
        {
            "name": "ConfigBackup",
            "namespace": "Lab",
            "inherit_from": ["CoreFileObject"],
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
        }
    ],
}


def _git_copy(source: Path, target: Path) -> Path:
    """The repository folder as a one-commit git repository, which is what the server imports."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "init", "--quiet", "--initial-branch=main"], cwd=target, check=True)
    subprocess.run([*git, "add", "--all"], cwd=target, check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "import"], cwd=target, check=True)
    return target


@pytest.fixture(scope="module")
def network_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """generators/ imported, one FRR spine in `frr_devices`, and a file object kind."""
    workdir = tmp_path_factory.mktemp("server")
    repository = _git_copy(REPO_ROOT / "generators", workdir / "network")
    with running_server(workdir) as live:
        server = RunningServer(address=live.address, token=live.token)
        with server.client() as client:
            client.create("CoreRepository", name="network", location=str(repository)).save()
            assert not client.schema.load([BACKUP_SCHEMA]).errors
            device = client.create(
                "NetDevice", name="ams1-spine1", asn=65101, role=["spine"], platform=["frr"], site=["ams1"]
            )
            device.save()
            group = client.get("CoreStandardGroup", name__value="frr_devices")
            group.members.fetch()
            group.members.add(device)
            group.save()
        yield server


def _env(server: RunningServer) -> dict[str, str]:
    return {"INFRAHUB_ADDRESS": server.address, "INFRAHUB_API_TOKEN": server.token}


def test_generate_and_fetch_a_device_configuration(ansible: Ansible, network_server: RunningServer) -> None:
    ansible.playbook("artifact_generate_fetch.yml", env=_env(network_server))


def test_upload_and_fetch_a_file_object(
    ansible: Ansible, network_server: RunningServer, tmp_path: Path
) -> None:
    ansible.playbook("file_object_lifecycle.yml", "-e", f"workdir={tmp_path}", env=_env(network_server))
    with network_server.client() as client:
        backup = client.get("LabConfigBackup", name__value="ams1-spine1 backup")
        assert backup.download_file() == b"hostname ams1-spine1\nrouter bgp 65101\n"
