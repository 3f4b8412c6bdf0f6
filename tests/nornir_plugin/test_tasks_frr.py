"""`frr_vtysh` and the config tasks against two real FRR routers (a lab of our own, no management
network, so it runs beside the end-to-end lab): push (replace, merge, dry run), diff, verify."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from nornir.core import Nornir
from nornir.core.inventory import ConnectionOptions, Defaults, Groups, Host, Hosts, Inventory
from nornir.core.task import AggregatedResult
from nornir.plugins.runners import ThreadedRunner

from labkit import Lab, missing_prerequisites
from labkit.topology import Endpoint, Interface, Link, Router, Topology
from nornir_plugin.connections import FrrVtysh
from nornir_plugin.tasks import diff_config, push_config, verify

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PREFIX = "ntask-"
TOPOLOGY = Topology(
    routers=(
        Router(
            "r1",
            (
                Interface("lo", "lo", "loopback", True, ("10.99.0.1/32",)),
                Interface("eth1", "eth1", "uplink", True, ("10.98.0.0/31",)),
            ),
            ("10.98.0.1",),
        ),
        Router(
            "r2",
            (
                Interface("lo", "lo", "loopback", True, ("10.99.0.2/32",)),
                Interface("eth1", "eth1", "uplink", True, ("10.98.0.1/31",)),
            ),
            ("10.98.0.0",),
        ),
    ),
    links=(Link("r1-r2", Endpoint("r1", "eth1"), Endpoint("r2", "eth1")),),
)


def bgp_config(name: str, asn: int, peer: str, peer_asn: int) -> str:
    return (
        f"hostname {name}\n!\nrouter bgp {asn}\n no bgp ebgp-requires-policy\n timers bgp 3 9\n"
        f" neighbor {peer} remote-as {peer_asn}\n neighbor {peer} timers connect 5\nexit\n!\nend\n"
    )


R1 = bgp_config("r1", 65001, "10.98.0.1", 65002)
R2 = bgp_config("r2", 65002, "10.98.0.0", 65001)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    missing = missing_prerequisites()
    if missing and os.environ.get("INFRAHUB_TEST_REQUIRE_LAB") == "1":
        pytest.fail("the lab must run here: " + "; ".join(missing))
    if missing:
        pytest.skip("; ".join(missing))
    lab = Lab(PREFIX, Path(tmp_path_factory.mktemp("lab-state")), ssh=False)
    lab.down()
    lab.up(TOPOLOGY)
    yield lab
    lab.down()


@pytest.fixture
def nr(lab: Lab) -> Iterator[Nornir]:
    """Nornir over the two routers: `frr_vtysh` finds each by its name in the lab's state."""
    extras = {"lab_prefix": PREFIX, "lab_state_root": str(lab.directory.parent)}
    defaults = Defaults(connection_options={"frr_vtysh": ConnectionOptions(extras=extras)})
    hosts = Hosts({name: Host(name, hostname=name, defaults=defaults) for name in ("r1", "r2")})
    nornir = Nornir(
        inventory=Inventory(hosts=hosts, groups=Groups(), defaults=defaults), runner=ThreadedRunner(2)
    )
    yield nornir
    nornir.close_connections()


def by_host(result: AggregatedResult) -> dict[str, tuple[bool, bool]]:
    return {host: (multi[0].failed, multi[0].changed) for host, multi in sorted(result.items())}


def test_replace_dry_run_then_push_then_in_sync_then_verified(nr: Nornir, lab: Lab) -> None:
    configs = {"r1": R1, "r2": R2}

    dry = nr.run(task=lambda task: push_config(task, configs[task.host.name], dry_run=True))
    still_empty = lab.config_diff("r1", R1)
    pushed = nr.run(task=lambda task: push_config(task, configs[task.host.name]))
    again = nr.run(task=lambda task: push_config(task, configs[task.host.name]))
    diffs = nr.run(task=lambda task: diff_config(task, configs[task.host.name]))
    verified = nr.run(task=verify, timeout=60)

    assert by_host(dry) == {"r1": (False, True), "r2": (False, True)}
    assert "+router bgp 65001" in dry["r1"][0].diff
    assert "router bgp 65001" in still_empty
    assert by_host(pushed) == {"r1": (False, True), "r2": (False, True)}
    assert by_host(again) == {"r1": (False, False), "r2": (False, False)}
    assert {host: multi[0].result for host, multi in diffs.items()} == {
        "r1": {"compliant": True, "changes": ""},
        "r2": {"compliant": True, "changes": ""},
    }
    assert {host: multi[0].result for host, multi in verified.items()} == {
        "r1": {"bgp": {"10.98.0.1": "Established"}},
        "r2": {"bgp": {"10.98.0.0": "Established"}},
    }


def test_merge_adds_lines_and_replace_removes_them(nr: Nornir, lab: Lab) -> None:
    lab.push_config("r1", R1)
    extra = "router bgp 65001\n neighbor 10.98.0.1 description merged\nexit\n"
    r1 = nr.filter(name="r1")

    merged = r1.run(task=push_config, config=extra, mode="merge")
    drift = r1.run(task=diff_config, config=R1)
    replaced = r1.run(task=push_config, config=R1)

    assert by_host(merged) == {"r1": (False, True)}
    assert "+ neighbor 10.98.0.1 description merged" in merged["r1"][0].diff
    assert drift["r1"][0].result["compliant"] is False
    assert "- neighbor 10.98.0.1 description merged" in drift["r1"][0].diff
    assert by_host(replaced) == {"r1": (False, True)}
    assert lab.config_diff("r1", R1) == ""


def test_a_bad_line_refuses_the_whole_push(nr: Nornir, lab: Lab) -> None:
    lab.push_config("r2", R2)
    broken = R2.replace(" timers bgp 3 9\n", " timers bgp 3 9\n neighbor 10.98.0.0 no-such-option\n")

    result = nr.filter(name="r2").run(task=push_config, config=broken.replace("65002", "65009"))

    assert result["r2"].failed
    message = str(result["r2"][0].result)
    assert message.startswith("r2: push_config (replace) failed: ntask-r2: vtysh exited with 2: line ")
    assert "no-such-option" in message
    assert "INFO" not in message
    assert lab.bgp_summary("r2")["ipv4Unicast"]["as"] == 65002


def test_verify_reports_each_session_that_is_not_established(nr: Nornir, lab: Lab) -> None:
    lab.push_config("r1", R1)
    lab.push_config("r2", R2.replace("remote-as 65001", "remote-as 65099"))

    result = nr.run(task=verify, timeout=3, on_failed=True)

    assert sorted(result.failed_hosts) == ["r1", "r2"]
    assert str(result["r2"][0].result).startswith(
        "r2: verify failed: BGP neighbor 10.98.0.0 (AS 65099, no description) is "
    )
    assert str(result["r2"][0].result).endswith(", not Established")


def test_the_connection_names_what_is_missing(lab: Lab) -> None:
    connection = FrrVtysh()

    with pytest.raises(ValueError, match="set `pathspace` or `lab_prefix`"):
        connection.open("r1", None, None, None, "frr", {})
    with pytest.raises(ValueError, match=r"no router of lab 'ntask-' has name or management address 'r9'"):
        connection.open(
            "r9", None, None, None, "frr", {"lab_prefix": PREFIX, "lab_state_root": str(lab.directory.parent)}
        )
    connection.open("ignored", None, None, None, "frr", {"pathspace": "ntask-r2"})
    assert '"as":65002' in connection.run("show bgp summary json").replace(" ", "")
