"""Object files (`kind: Object`) loaded into the real server: `infrahub_sdk.spec.object` in-process,
`infrahubctl object load|validate` against a server subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from infrahub_sdk import InfrahubClient
from infrahub_sdk.spec.object import ObjectFile

from .harness import GENERATORS_DIR, LiveServer

OBJECTS_DIR = GENERATORS_DIR / "objects"

DEVICE_FILE = """\
apiVersion: infrahub.app/v1
kind: Object
spec:
  kind: NetDevice
  data:
    - name: leaf1
      site: ams1
      platform: frr
      role: leaf
      interfaces:
        kind: NetInterface
        parameters: {expand_range: true}
        data:
          - name: "eth[1-3]"
            role: uplink
"""

BROKEN_FILE = """\
apiVersion: infrahub.app/v1
kind: Object
spec:
  kind: NetDevice
  data:
    - name: leaf9
      colour: blue
      site: ams1
      platform: frr
      member_of_groups:
        - data: {name: new-group}
"""


def _object_files(*paths: Path) -> list[ObjectFile]:
    files = [file for file in ObjectFile.load_from_disk(paths=list(paths)) if isinstance(file, ObjectFile)]
    for file in files:
        file.validate_content()
    return files


async def _load(client: InfrahubClient, files: list[ObjectFile]) -> None:
    for file in files:
        assert await file.spec.validate_format(client=client) == []
        await file.process(client=client)


async def test_repository_objects_load_twice_without_change(client: InfrahubClient) -> None:
    files = _object_files(OBJECTS_DIR)
    assert [file.spec.kind for file in files] == [
        "CoreStandardGroup", "NetRegion", "NetSite", "NetPlatform", "NetDeviceRole", "NetFabricDesign",
    ]  # fmt: skip
    await _load(client, files)
    await _load(client, files)
    design = await client.get(
        kind="NetFabricDesign", name__value="dc1", include=["sites", "member_of_groups"]
    )
    assert sorted(peer.display_label for peer in design.sites.peers) == ["ams1", "fra1"]
    assert [peer.display_label for peer in design.member_of_groups.peers] == ["fabric_designs"]
    assert (design.platform.display_label, design.spine_count.value) == ("frr", 2)
    site = await client.get(kind="NetSite", name__value="fra1")
    assert site.parent.display_label == "europe"
    assert await client.count(kind="NetSite") == 2
    assert await client.count(kind="CoreStandardGroup") == 3


async def test_nested_children_with_range_expansion(client: InfrahubClient, tmp_path: Path) -> None:
    await _load(client, _object_files(OBJECTS_DIR))
    (tmp_path / "device.yml").write_text(DEVICE_FILE, encoding="utf-8")
    await _load(client, _object_files(tmp_path / "device.yml"))
    device = await client.get(kind="NetDevice", name__value="leaf1", include=["interfaces"])
    assert sorted(peer.display_label for peer in device.interfaces.peers) == ["eth1", "eth2", "eth3"]
    interface = await client.get(kind="NetInterface", hfid=["leaf1", "eth2"])
    assert (interface.device.id, interface.role.value) == (device.id, "uplink")


async def test_validation_names_each_problem(client: InfrahubClient, tmp_path: Path) -> None:
    (tmp_path / "broken.yml").write_text(BROKEN_FILE, encoding="utf-8")
    (file,) = _object_files(tmp_path / "broken.yml")
    errors = await file.spec.validate_format(client=client)
    assert sorted(str(error) for error in errors) == [
        "1.colour: colour is not a valid attribute or relationship for NetDevice",
        "1.member_of_groups: CoreGroup is a generic: give the kind of the nested objects",
        "1.role: role is mandatory",
    ]


@pytest.mark.e2e
def test_infrahubctl_object_load_and_validate(live_server: LiveServer, tmp_path: Path) -> None:
    (tmp_path / "broken.yml").write_text(BROKEN_FILE, encoding="utf-8")
    env = live_server.env()
    schema = subprocess.run(
        [sys.executable, "-c", "from infrahub_sdk.ctl.cli import main; main()", "schema", "load", str(GENERATORS_DIR / "schemas")],
        env=env, capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert schema.returncode == 0, schema.stdout + schema.stderr
    for _ in range(2):
        loaded = _infrahubctl(env, tmp_path, "object", "load", str(OBJECTS_DIR))
        assert loaded.returncode == 0, loaded.stdout + loaded.stderr
        assert "Loaded 2 NetSite object(s)" in loaded.stdout
    refused = _infrahubctl(env, tmp_path, "object", "validate", str(tmp_path / "broken.yml"))
    assert refused.returncode == 1
    assert "colour is not a valid attribute or relationship for NetDevice" in refused.stdout


def _infrahubctl(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from infrahub_sdk.ctl.cli import main; main()", *args],
        env={**env, "COLUMNS": "200", "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True, text=True, check=False, cwd=cwd,
    )  # fmt: skip
