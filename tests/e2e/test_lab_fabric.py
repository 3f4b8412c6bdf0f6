"""The fabric of `generators/` as real FRR routers: rendered from main, pushed (replace), verified
from FRR's own JSON and with pings between every pair of loopbacks, reached over SSH."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from lab_fabric_server import FabricServer

from labkit import Lab, peer_states

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def addresses_in_namespace(namespace: str) -> dict[str, list[str]]:
    output = subprocess.run(
        ["ip", "-n", namespace, "-j", "address", "show"], capture_output=True, text=True, check=True
    ).stdout
    return {
        link["ifname"]: sorted(
            f"{a['local']}/{a['prefixlen']}" for a in link["addr_info"] if a["family"] == "inet"
        )
        for link in json.loads(output)
    }


def test_routers_namespaces_and_links_come_from_the_source_of_truth(
    lab: Lab, fabric_server: FabricServer
) -> None:
    topology = fabric_server.topology()
    assert len(topology.routers) == 6
    assert len(topology.links) == 8
    statuses = {status.name: status for status in lab.status()}
    assert sorted(statuses) == sorted(router.name for router in topology.routers)
    for router in topology.routers:
        status = statuses[router.name]
        assert status.namespace_exists
        assert status.daemons == {"zebra": True, "staticd": True, "bgpd": True}
        assert status.sshd is True
        in_namespace = addresses_in_namespace(status.namespace)
        for interface in router.interfaces:
            assert (
                in_namespace[interface.linux_name] == sorted(a for a in interface.addresses if ":" not in a)
                or interface.linux_name == "lo"
            )
    leaf1 = addresses_in_namespace(lab.namespace("dc1-leaf1"))
    assert leaf1["eth0"] == ["10.254.0.101/24"]
    assert leaf1["eth1"] == ["10.0.0.1/31"]
    assert "10.255.0.101/32" in leaf1["lo"]


def test_rendered_configs_pushed_every_session_established_every_loopback_reachable(
    lab: Lab, fabric_server: FabricServer
) -> None:
    state = lab.state()
    assert state is not None
    configs = fabric_server.render([r.name for r in state.routers])
    for device, text in configs.items():
        lab.push_config(device, text)

    lab.wait_established(timeout=60)
    for record in state.routers:
        summary: dict[str, Any] = lab.bgp_summary(record.name)
        assert peer_states(summary) == dict.fromkeys(record.bgp_peers, "Established")
        assert summary["ipv4Unicast"]["routerId"] == record.loopbacks[0]
        assert lab.config_diff(record.name, configs[record.name]) == ""
    lab.wait_routes(timeout=60)
    assert lab.unreachable_loopbacks() == []


def test_a_replace_push_removes_what_the_file_no_longer_has(lab: Lab, fabric_server: FabricServer) -> None:
    configs = fabric_server.render(["dc1-leaf4"])
    text = configs["dc1-leaf4"]
    lab.push_config(
        "dc1-leaf4", text.replace("router bgp 65104\n", "router bgp 65104\n bgp cluster-id 1.1.1.1\n")
    )
    assert "bgp cluster-id 1.1.1.1" in lab.config_diff("dc1-leaf4", text)

    lab.push_config("dc1-leaf4", text)

    assert lab.config_diff("dc1-leaf4", text) == ""


def test_ssh_lands_in_the_routers_vtysh(lab: Lab) -> None:
    command = lab.ssh_command("dc1-spine2")

    one_shot = subprocess.run([*command, "show bgp summary json"], capture_output=True, text=True, timeout=30)
    interactive = subprocess.run(
        [*command[:-1], "-tt", command[-1]],
        input="show version\nexit\n",
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert one_shot.returncode == 0, one_shot.stderr
    assert json.loads(one_shot.stdout)["ipv4Unicast"]["routerId"] == "10.255.0.2"
    assert "dc1-spine2#" in interactive.stdout
    assert "FRRouting 8." in interactive.stdout


def test_ssh_refuses_a_key_the_lab_did_not_make(lab: Lab, tmp_path: Any) -> None:
    stranger = tmp_path / "stranger"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(stranger)], check=True)
    command = lab.ssh_command("dc1-leaf1")
    command[command.index("-i") + 1] = str(stranger)

    result = subprocess.run([*command, "show version"], capture_output=True, text=True, timeout=30)

    assert result.returncode == 255
    assert "Permission denied" in result.stderr


def test_the_cli_pushes_a_folder_of_configs_and_verifies(
    lab: Lab, fabric_server: FabricServer, tmp_path: Any
) -> None:
    state = lab.state()
    assert state is not None
    configs = fabric_server.render([r.name for r in state.routers])
    for device, text in configs.items():
        (tmp_path / f"{device}.conf").write_text(text, encoding="utf-8")
    cli = [sys.executable, "-m", "labkit", "--prefix", lab.prefix]

    pushed = subprocess.run(
        [*cli[:3], "push", *cli[3:], "--configs", str(tmp_path)], capture_output=True, text=True
    )
    verified = subprocess.run(
        [*cli[:3], "verify", *cli[3:], "--timeout", "90"], capture_output=True, text=True
    )

    assert pushed.returncode == 0, pushed.stderr
    assert sorted(pushed.stdout.split()) == sorted(["pushed"] * len(configs) + list(configs))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"{len(configs)} routers" in verified.stdout
    assert "loopbacks reachable: True" in verified.stdout
    (tmp_path / "dc1-leaf1.conf").unlink()
    refused = subprocess.run(
        [*cli[:3], "push", *cli[3:], "--configs", str(tmp_path)], capture_output=True, text=True
    )
    assert refused.returncode == 1
    assert "dc1-leaf1" in refused.stderr
