"""The generators/ repository driven by the server end to end (issue #7's proof): imported as a git
repository, the fabric generator run on a branch, artefacts rendered for every device, a one-device
change merged regenerating only that device's artefact, and a smaller design deleting what the
generator no longer produces."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from lab_fabric_server import REPOSITORY
from live_server import LiveServer, running_server

from infrahub_sdk import Config, InfrahubClientSync
from infrahub_server.store import Store
from infrahub_server.tasks import TaskQueue

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _git_repository(folder: Path) -> Path:
    shutil.copytree(REPOSITORY, folder, ignore=shutil.ignore_patterns("__pycache__"))
    for command in (
        ["init", "--quiet", "--initial-branch", "main"],
        ["add", "--all"],
        [
            "-c",
            "user.name=tester",
            "-c",
            "user.email=tester@example.com",
            "commit",
            "--quiet",
            "-m",
            "network",
        ],
    ):
        subprocess.run(["git", *command], cwd=folder, check=True)
    return folder


def _until(condition: Callable[[], Any], timeout: float = 180) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"not reached within {timeout:.0f} s")


def _run_generator(client: InfrahubClientSync, branch: str) -> None:
    response = client.execute_graphql(
        'mutation { CoreGeneratorDefinitionRun(data: {id: "fabric"}, wait_until_completion: true) { ok } }',
        branch_name=branch,
    )
    assert response["CoreGeneratorDefinitionRun"]["ok"] is True


def _device_names(client: InfrahubClientSync, branch: str) -> list[str]:
    return sorted(str(device.name.value) for device in client.all(kind="NetDevice", branch=branch))


def _frr_artifacts(client: InfrahubClientSync, branch: str) -> list[Any]:
    return [
        artifact
        for artifact in client.all(kind="CoreArtifact", branch=branch)
        if artifact.name.value == "frr.conf" and artifact.status.value == "Ready"
    ]


def test_repository_generator_artifacts_and_change_proportional_regeneration(tmp_path: Path) -> None:
    repository = _git_repository(tmp_path / "network")
    workdir = tmp_path / "server"
    workdir.mkdir()
    with running_server(workdir) as server:
        client = InfrahubClientSync(
            config=Config(address=server.address, api_token=server.token, timeout=120)
        )
        created = client.create(kind="CoreRepository", name="network", location=str(repository))
        created.save()
        assert client.get(kind="CoreGeneratorDefinition", name__value="fabric")

        client.branch.create("fabric", wait_until_completion=True)
        _run_generator(client, "fabric")
        assert [name for name in _device_names(client, "fabric") if name.startswith("dc1-")] == [
            "dc1-leaf1", "dc1-leaf2", "dc1-leaf3", "dc1-leaf4", "dc1-spine1", "dc1-spine2",
        ]  # fmt: skip
        assert not [name for name in _device_names(client, "main") if name.startswith("dc1-")]

        definition = client.get(
            kind="CoreArtifactDefinition", name__value="frr_startup_config", branch="fabric"
        )
        _generate(server, definition.id, "fabric")
        artifacts = _until(
            lambda: len(_frr_artifacts(client, "fabric")) >= 6 and _frr_artifacts(client, "fabric")
        )
        leaf1 = client.get(kind="NetDevice", name__value="dc1-leaf1", branch="fabric")
        content = client.object_store.get(
            identifier=next(a for a in artifacts if a.object.id == leaf1.id).storage_id.value
        )
        assert "hostname dc1-leaf1" in content

        client.branch.merge("fabric")
        queue = TaskQueue(Store.open(f"sqlite:///{workdir / 'infrahub.db'}").engine)
        _wait_for_regeneration(queue, seen=set())
        seen = {task.id for task in queue.list(name="artifact.regenerate-changed")}

        client.branch.create("describe", wait_until_completion=True)
        interface = client.get(
            kind="NetInterface", device__name__value="dc1-leaf1", name__value="eth1", branch="describe"
        )
        interface.description.value = "to spine1, checked"
        interface.save()
        client.branch.merge("describe")
        regenerated = _wait_for_regeneration(queue, seen)
        rendered = {item["definition"]: item["rendered"] for item in regenerated.result["definitions"]}
        names = {
            node.id: node.name.value
            for node in client.all(kind="CoreArtifactDefinition")
            if node.id in rendered
        }
        # leaf1's own config, and the fabric's cable plans, which list that interface; nothing else
        assert {names[key]: count for key, count in rendered.items()} == {
            "frr_startup_config": 1, "cable_plan_csv": 1, "cable_plan_markdown": 1,
        }, regenerated.result  # fmt: skip
        leaf1_artifact = next(a for a in _frr_artifacts(client, "main") if a.object.id == leaf1.id)
        assert "to spine1, checked" in client.object_store.get(identifier=leaf1_artifact.storage_id.value)

        # Generator groups are branch-local, as in Infrahub: the run after the merge (what
        # execute_after_merge does) tracks main's objects, and a smaller design then deletes.
        _run_generator(client, "main")
        design = client.get(kind="NetFabricDesign", name__value="dc1")
        design.leaf_count.value = 2
        design.save()
        _run_generator(client, "main")
        remaining = [name for name in _device_names(client, "main") if name.startswith("dc1-")]
        assert remaining == ["dc1-leaf1", "dc1-leaf2", "dc1-spine1", "dc1-spine2"]


def _generate(server: LiveServer, definition_id: str, branch: str) -> None:
    response = httpx.post(
        f"{server.address}/api/artifact/generate/{definition_id}",
        params={"branch": branch},
        headers={"X-INFRAHUB-KEY": server.token},
        timeout=60,
    )
    assert response.status_code == 200, response.text


def _wait_for_regeneration(queue: TaskQueue, seen: set[str]) -> Any:
    """The newest `artifact.regenerate-changed` task not in `seen`, once it has finished."""
    task = _until(
        lambda: next((t for t in queue.list(name="artifact.regenerate-changed") if t.id not in seen), None)
    )
    finished = queue.wait(task.id, timeout=180)
    assert finished.state == "completed", finished.error
    return finished
