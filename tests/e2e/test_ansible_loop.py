"""The closed loop driven by Ansible on real FRR routers: `ansible-playbook` with our inventory plugin
reading the source of truth renders each router's configuration, replaces the running one through
`network_cli` into vtysh (`infrahub.lite.frr` cliconf and terminal plugins), verifies every BGP session
from FRR's own JSON and records compliance with `infrahub.lite.node`. Then a change on a branch (the
device-level diff in check mode before merge, only the affected routers pushed after), a broken change
caught by verification and reported against the device, and drift made by hand in vtysh."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from lab_fabric_server import FabricServer

from infrahub_sdk import InfrahubClientSync
from labkit import Lab, peer_states
from labkit.frr import vtysh

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
COLLECTION = ROOT / "ansible_collection"
LAB_PLAYBOOKS = COLLECTION / "playbooks" / "frr_lab"
LOOP_PLAYBOOK = LAB_PLAYBOOKS / "frr_loop.yml"
CHANGE_PLAYBOOK = ROOT / "tests" / "ansible" / "playbooks" / "lab_change.yml"
BIN = Path(sys.executable).parent
PUSH_TASK = "Replace the running configuration"
FAIL_TASK = "A router whose verification failed fails the play"
PROBLEMS_TASK = "What FRR says against what the source of truth expects"
ROUTERS = ["dc1-leaf1", "dc1-leaf2", "dc1-leaf3", "dc1-leaf4", "dc1-spine1", "dc1-spine2"]
AFFECTED_BY_LEAF4 = ["dc1-leaf4", "dc1-spine1", "dc1-spine2"]


@dataclass
class PlayRun:
    """One `ansible-playbook` run, read from the `ansible.posix.json` callback."""

    returncode: int
    report: dict[str, Any]
    stderr: str

    def results(self, task: str) -> dict[str, dict[str, Any]]:
        for play in self.report["plays"]:
            for entry in play["tasks"]:
                if entry["task"]["name"] == task:
                    hosts: dict[str, dict[str, Any]] = entry["hosts"]
                    return hosts
        raise AssertionError(f"no task {task!r} ran: {self.stderr[-2000:]}")

    def changed(self, task: str) -> list[str]:
        return sorted(host for host, result in self.results(task).items() if result.get("changed"))

    def failed_hosts(self) -> list[str]:
        return sorted(host for host, stats in self.report["stats"].items() if stats["failures"])

    def bgp_problems(self) -> dict[str, list[str]]:
        """Per router, what the loop found wrong with its BGP sessions (from FRR's JSON)."""
        return {
            host: result["ansible_facts"]["bgp_problems"]
            for host, result in self.results(PROBLEMS_TASK).items()
        }

    def prepared_diff(self, host: str) -> str:
        diff: str = self.results(PUSH_TASK)[host].get("diff", {}).get("prepared", "")
        return diff


Play = Callable[..., PlayRun]


def _collections(tmp_path: Path) -> str:
    """Our collection as `ansible_collections/infrahub/lite`, then the `ansible` package's (ansible.netcommon)."""
    namespace = tmp_path / "collections" / "ansible_collections" / "infrahub"
    namespace.mkdir(parents=True)
    (namespace / "lite").symlink_to(COLLECTION, target_is_directory=True)
    spec = importlib.util.find_spec("ansible")
    assert spec is not None
    assert spec.origin is not None
    return f"{tmp_path / 'collections'}:{Path(spec.origin).parents[1]}"


@pytest.fixture
def play(lab: Lab, fabric_server: FabricServer, tmp_path: Path) -> Play:
    """`play(playbook, *args, branch=..., check=...)`: a real ansible-playbook run against the lab's routers,
    with `infrahub.lite.inventory` reading the fabric's server on `branch`."""
    if not any(importlib.util.find_spec(name) for name in ("pylibsshext", "paramiko")):
        pytest.fail("network_cli needs ansible-pylibssh (pip install ansible-pylibssh==1.4.0) or paramiko")
    state = lab.state()
    assert state is not None
    assert state.ssh_key is not None
    inventory = yaml.safe_load((LAB_PLAYBOOKS / "inventory.infrahub.yml").read_text())
    inventory["api_endpoint"] = fabric_server.server.address
    inventory["token"] = fabric_server.server.token
    inventory_file = tmp_path / "frr_lab.infrahub.yml"
    inventory_file.write_text(yaml.safe_dump(inventory))
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("INFRAHUB_", "ANSIBLE_"))
    }
    env.update(
        ANSIBLE_COLLECTIONS_PATH=_collections(tmp_path),
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_INVENTORY_ENABLED="infrahub.lite.inventory,host_list",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_HOME=str(tmp_path / "ansible-home"),
        ANSIBLE_STDOUT_CALLBACK="ansible.posix.json",
        ANSIBLE_FORKS="6",
        ANSIBLE_REMOTE_USER=state.ssh_user,
        ANSIBLE_PRIVATE_KEY_FILE=state.ssh_key,
        ANSIBLE_HOST_KEY_CHECKING="False",
        INFRAHUB_ADDRESS=fabric_server.server.address,
        INFRAHUB_API_TOKEN=fabric_server.server.token,
    )

    def run(playbook: Path, *args: str, branch: str = "main", hosts: str | None = None) -> PlayRun:
        target = str(inventory_file) if hosts is None else hosts
        completed = subprocess.run(
            [str(BIN / "ansible-playbook"), "-i", target, str(playbook), *args],
            cwd=tmp_path,
            env={**env, "INFRAHUB_DEFAULT_BRANCH": branch},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        try:
            report = json.loads(completed.stdout)
        except ValueError:
            pytest.fail(f"ansible-playbook printed no JSON report:\n{completed.stdout}\n{completed.stderr}")
        return PlayRun(completed.returncode, report, completed.stderr)

    return run


def loop(play: Play, *args: str, branch: str = "main") -> PlayRun:
    """The loop playbook; fails the test unless every router verified."""
    run = play(LOOP_PLAYBOOK, *args, branch=branch)
    assert run.returncode == 0, (run.failed_hosts(), run.stderr[-3000:], json.dumps(run.report)[-3000:])
    return run


def change(play: Play, **variables: str) -> None:
    """The data change playbook on localhost (infrahub.lite.branch and infrahub.lite.node)."""
    run = play(CHANGE_PLAYBOOK, "-e", json.dumps(variables), hosts="localhost,")
    assert run.returncode == 0, json.dumps(run.report)[-3000:]


def compliance_records(client: InfrahubClientSync) -> dict[str, dict[str, Any]]:
    return {
        node.name.value: {
            "status": node.status.value,
            "config_in_sync": node.config_in_sync.value,
            "verified": node.verified.value,
            "problems": node.problems.value,
            "diff": node.diff.value,
            "device": node.device.id,
        }
        for node in client.all(kind="NetConfigCompliance")
    }


def assert_established_in_frr(lab: Lab) -> None:
    state = lab.state()
    assert state is not None
    for record in state.routers:
        assert peer_states(lab.bgp_summary(record.name)) == dict.fromkeys(record.bgp_peers, "Established")


def test_render_replace_verify_record_from_main(play: Play, lab: Lab, fabric_server: FabricServer) -> None:
    first = loop(play)

    assert first.changed(PUSH_TASK) == ROUTERS  # the routers started empty
    assert first.bgp_problems() == {name: [] for name in ROUTERS}
    assert_established_in_frr(lab)
    with fabric_server.client() as client:
        records = compliance_records(client)
        devices = {node.name.value: node.id for node in client.all(kind="NetDevice")}
    assert {name: records[name] for name in ROUTERS} == {
        name: {
            "status": "compliant",
            "config_in_sync": True,
            "verified": True,
            "problems": None,
            "diff": None,
            "device": devices[name],
        }
        for name in ROUTERS
    }
    again = loop(play)
    assert again.changed(PUSH_TASK) == []


def test_a_branch_change_is_diffed_before_merge_and_pushed_only_where_it_matters(
    play: Play, lab: Lab
) -> None:
    loop(play)
    change(play, change="asn", branch_name="ansible-leaf4-asn", device_name="dc1-leaf4", asn="65204")

    preview = loop(play, "--check", "--diff", "-e", "record_compliance=false", branch="ansible-leaf4-asn")
    assert preview.changed(PUSH_TASK) == AFFECTED_BY_LEAF4
    assert "no router bgp 65104" in preview.prepared_diff("dc1-leaf4")
    assert "router bgp 65204" in preview.prepared_diff("dc1-leaf4")
    for spine in ("dc1-spine1", "dc1-spine2"):
        assert re.search(r"^neighbor \S+ remote-as 65204$", preview.prepared_diff(spine), re.MULTILINE)
    assert preview.prepared_diff("dc1-leaf1") == ""
    assert lab.bgp_summary("dc1-leaf4")["ipv4Unicast"]["as"] == 65104  # nothing pushed in check mode

    change(play, change="merge", branch_name="ansible-leaf4-asn")
    merged = loop(play)
    assert merged.changed(PUSH_TASK) == AFFECTED_BY_LEAF4
    assert lab.bgp_summary("dc1-leaf4")["ipv4Unicast"]["as"] == 65204
    assert_established_in_frr(lab)
    # frr-reload.py's rules delete a neighbor to change its AS; its other lines were put back
    assert loop(play, "--check", "-e", "record_compliance=false").changed(PUSH_TASK) == []

    change(play, change="asn", branch_name="main", device_name="dc1-leaf4", asn="65104")
    assert loop(play).changed(PUSH_TASK) == AFFECTED_BY_LEAF4


def test_a_wrong_asn_fails_verification_against_the_device_and_is_recorded(
    play: Play, lab: Lab, fabric_server: FabricServer
) -> None:
    loop(play)
    change(
        play,
        change="peer_as",
        branch_name="ansible-wrong-asn",
        owner="dc1-spine1",
        remote="dc1-leaf1",
        asn="65999",
    )
    change(play, change="merge", branch_name="ansible-wrong-asn")

    broken = play(LOOP_PLAYBOOK, "-e", "verify_timeout=10")

    assert broken.returncode != 0
    assert broken.changed(PUSH_TASK) == ["dc1-spine1"]
    assert broken.failed_hosts() == ["dc1-leaf1", "dc1-spine1"]
    problems = broken.bgp_problems()["dc1-spine1"]
    assert len(problems) == 1
    assert problems[0].startswith("BGP neighbor 10.0.0.1 (AS 65999, dc1-leaf1) is ")
    assert problems[0].endswith(", not Established")
    failure = broken.results(FAIL_TASK)["dc1-spine1"]["msg"]
    assert failure.startswith("verify failed: BGP neighbor 10.0.0.1 (AS 65999, dc1-leaf1) is ")
    with fabric_server.client() as client:
        records = compliance_records(client)
    assert {name: records[name]["status"] for name in ROUTERS} == {
        name: "non_compliant" if name in {"dc1-leaf1", "dc1-spine1"} else "compliant" for name in ROUTERS
    }
    assert records["dc1-spine1"]["verified"] is False
    assert records["dc1-spine1"]["config_in_sync"] is True
    assert "10.0.0.1 (AS 65999, dc1-leaf1)" in records["dc1-spine1"]["problems"]

    change(play, change="peer_as", branch_name="main", owner="dc1-spine1", remote="dc1-leaf1", asn="65101")
    assert loop(play).changed(PUSH_TASK) == ["dc1-spine1"]


def test_drift_made_by_hand_is_found_in_check_mode_and_a_push_fixes_it(
    play: Play, lab: Lab, fabric_server: FabricServer
) -> None:
    loop(play)
    vtysh(lab.namespace("dc1-leaf2"), "configure terminal", "interface eth1", "description patched by hand")

    audit = loop(play, "--check", "--diff")
    assert audit.changed(PUSH_TASK) == ["dc1-leaf2"]
    assert "no description patched by hand" in audit.prepared_diff("dc1-leaf2")
    with fabric_server.client() as client:
        record = compliance_records(client)["dc1-leaf2"]
    assert record["status"] == "non_compliant"
    assert record["config_in_sync"] is False
    assert "no description patched by hand" in record["diff"]

    assert loop(play).changed(PUSH_TASK) == ["dc1-leaf2"]
    assert loop(play, "--check").changed(PUSH_TASK) == []
    assert "patched by hand" not in vtysh(lab.namespace("dc1-leaf2"), "show running-config")
