"""The pieces that let Ansible drive FRR through vtysh: the replace plan computed with FRR's own tools,
the BGP check filter, the docs of the cliconf, terminal and filter plugins, and the lab playbooks' syntax."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ansible_harness import COLLECTION_SOURCE, Ansible

PLUGINS = COLLECTION_SOURCE / "plugins"
LAB_PLAYBOOKS = COLLECTION_SOURCE / "playbooks" / "frr_lab"
BUNDLED_SPEC = importlib.util.find_spec("ansible")
assert BUNDLED_SPEC is not None
assert BUNDLED_SPEC.origin is not None
BUNDLED_COLLECTIONS = Path(BUNDLED_SPEC.origin).parents[1]
"""Where the `ansible` package keeps its collections: site-packages, beside ansible-core."""


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"infrahub_lite_test_{path.stem}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


frr_reload = _load(PLUGINS / "plugin_utils" / "frr_reload.py")
frr_filters = _load(PLUGINS / "filter" / "frr.py")


@pytest.fixture(scope="module")
def frr_tools() -> None:
    try:
        frr_reload.frr_reload_module()
    except frr_reload.FrrReloadError as error:
        pytest.skip(str(error))


INTENDED = """hostname leaf1
!
interface eth1
 ip address 10.0.0.1/31
exit
!
router bgp 65101
 bgp router-id 10.255.0.3
 no bgp ebgp-requires-policy
 neighbor 10.0.0.0 remote-as 65001
 neighbor 10.0.0.0 description spine1
 !
 address-family ipv4 unicast
  network 10.255.0.3/32
  redistribute connected
 exit-address-family
exit
!
end
"""

SHOW_RUNNING = """Building configuration...

Current configuration:
!
frr version 8.4.4
frr defaults traditional
hostname leaf1
service integrated-vtysh-config
!
interface eth1
 ip address 10.0.0.1/31
exit
!
router bgp 65101
 bgp router-id 10.255.0.3
 no bgp ebgp-requires-policy
 neighbor 10.0.0.0 remote-as 65001
 neighbor 10.0.0.0 description spine1
 !
 address-family ipv4 unicast
  network 10.255.0.3/32
  redistribute connected
 exit-address-family
exit
!
end
"""


def changes(intended: str, show_running: str, *, replace: bool = True) -> list[str]:
    commands: list[str] = frr_reload.change_commands(
        intended, frr_reload.running_text(show_running), replace=replace
    )
    return commands


def test_a_router_in_sync_needs_no_command(frr_tools: None) -> None:
    assert changes(INTENDED, SHOW_RUNNING) == []


def test_a_line_added_by_hand_is_removed_in_its_context(frr_tools: None) -> None:
    drifted = SHOW_RUNNING.replace(
        " ip address 10.0.0.1/31\n", " description patched by hand\n ip address 10.0.0.1/31\n"
    )

    assert changes(INTENDED, drifted) == ["interface eth1", "no description patched by hand", "exit"]
    assert changes(INTENDED, drifted, replace=False) == []


def test_a_new_asn_replaces_the_bgp_instance_and_nested_contexts_are_left_with_exit(frr_tools: None) -> None:
    commands = changes(INTENDED.replace("router bgp 65101", "router bgp 65104"), SHOW_RUNNING)

    assert commands[0] == "no router bgp 65101"
    assert commands[1] == "router bgp 65104"
    assert commands[commands.index("address-family ipv4 unicast") + 1 :] == [
        "network 10.255.0.3/32",
        "redistribute connected",
        "exit",
        "exit",
    ]


def test_a_merge_only_adds(frr_tools: None) -> None:
    intended = INTENDED.replace(
        " neighbor 10.0.0.0 description spine1\n", " neighbor 10.0.0.0 timers connect 5\n"
    )

    assert changes(intended, SHOW_RUNNING, replace=False) == [
        "router bgp 65101",
        "neighbor 10.0.0.0 timers connect 5",
        "exit",
    ]
    assert "no neighbor 10.0.0.0 description spine1" in changes(intended, SHOW_RUNNING)


def test_a_line_frr_does_not_know_fails_before_anything_is_sent(frr_tools: None) -> None:
    with pytest.raises(
        frr_reload.FrrReloadError,
        match=r"refused the configuration: line 11: % Unknown command:\s+neighbour 10\.0\.0\.0 description",
    ):
        changes(
            INTENDED.replace("neighbor 10.0.0.0 description", "neighbour 10.0.0.0 description"), SHOW_RUNNING
        )


def summary(**peers: str) -> dict[str, Any]:
    return {
        "ipv4Unicast": {
            "as": 65001,
            "peers": {address: {"remoteAs": 65101, "state": state} for address, state in peers.items()},
        }
    }


SESSIONS = [
    {"name": "leaf1", "remote_as": 65101, "status": "active", "remote_address": {"address": "10.0.0.1/31"}},
    {
        "name": "leaf2",
        "remote_as": 65102,
        "status": "maintenance",
        "remote_address": {"address": "10.0.0.3/31"},
    },
]


def test_every_expected_session_established_is_no_problem() -> None:
    as_text = json.dumps(summary(**{"10.0.0.1": "Established"}))

    assert frr_filters.frr_bgp_problems(as_text, SESSIONS) == []


def test_sessions_not_up_missing_or_unexpected_are_named() -> None:
    assert frr_filters.frr_bgp_problems(summary(**{"10.0.0.1": "Active"}), SESSIONS) == [
        "BGP neighbor 10.0.0.1 (AS 65101, leaf1) is Active, not Established"
    ]
    assert frr_filters.frr_bgp_problems({}, SESSIONS) == [
        "BGP neighbor 10.0.0.1 (AS 65101, leaf1) is not configured"
    ]
    assert frr_filters.frr_bgp_problems(
        summary(**{"10.0.0.1": "Established", "10.0.0.9": "Idle"}), SESSIONS
    ) == ["BGP neighbor 10.0.0.9 is configured but not expected by the source of truth"]


@pytest.fixture
def with_netcommon(ansible: Ansible) -> Ansible:
    """The `ansible` package's collections (ansible.netcommon) after ours."""
    ansible.env = {
        **ansible.env,
        "ANSIBLE_COLLECTIONS_PATH": f"{ansible.env['ANSIBLE_COLLECTIONS_PATH']}:{BUNDLED_COLLECTIONS}",
    }
    return ansible


@pytest.mark.parametrize(
    ("plugin_type", "name"),
    [
        ("cliconf", "infrahub.lite.frr"),
        ("filter", "infrahub.lite.frr_bgp_problems"),
    ],
)
def test_the_frr_plugins_have_docs(with_netcommon: Ansible, plugin_type: str, name: str) -> None:
    docs = json.loads(with_netcommon.run("ansible-doc", "--json", "-t", plugin_type, name).stdout)

    assert docs[name]["doc"]["short_description"]


@pytest.mark.parametrize("playbook", sorted(LAB_PLAYBOOKS.glob("frr_*.yml")), ids=lambda path: path.name)
def test_the_lab_playbook_passes_the_syntax_check(with_netcommon: Ansible, playbook: Path) -> None:
    completed = with_netcommon.run("ansible-playbook", "--syntax-check", "-i", "localhost,", str(playbook))

    assert "ERROR" not in completed.stderr
