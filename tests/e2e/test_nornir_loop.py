"""The closed loop driven by Nornir on real FRR routers: our inventory reads the source of truth, the
tasks render, push (replace), verify from FRR's own JSON and record compliance back on the server.
Then a change on a branch (diff before merge, only the affected routers pushed after), a broken
change caught by verification, and drift made by hand on a router."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import LAB_PREFIX
from lab_fabric_server import FabricServer
from nornir import InitNornir
from nornir.core import Nornir
from nornir.core.task import AggregatedResult

from infrahub_sdk import InfrahubClientSync
from labkit import Lab, peer_states
from labkit.frr import vtysh
from nornir_plugin.tasks import (
    COMPLIANCE_KIND,
    diff_config,
    push_config,
    record_compliance,
    render_config,
    verify,
)

# A client bound to a Nornir host's InfrahubNode can leave a pooled socket for the garbage collector;
# when that collection lands inside this test, warnings-as-errors would fail it for an unrelated reason
# (tracked in the issue notes of #5).
pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.filterwarnings("ignore::ResourceWarning")]

ROUTERS = ["dc1-leaf1", "dc1-leaf2", "dc1-leaf3", "dc1-leaf4", "dc1-spine1", "dc1-spine2"]
CONVERGE = 60
"""Seconds verify waits for sessions to come up after a push."""
REPOSITORY = Path(__file__).resolve().parents[2] / "generators"


@pytest.fixture(scope="module")
def loop_server(fabric_server: FabricServer) -> FabricServer:
    """The fabric's server with the stored query the repository's `frr_config` transform reads."""
    with fabric_server.client() as client:
        if not client.filters(kind="CoreGraphQLQuery", name__value="device_config"):
            text = (fabric_server.repository / "queries" / "device_config.gql").read_text()
            client.create(kind="CoreGraphQLQuery", name="device_config", query=text).save()
    return fabric_server


@pytest.fixture
def nornir_for(lab: Lab, loop_server: FabricServer, tmp_path: Path) -> Iterator[Any]:
    """`nornir_for(branch)`: Nornir with our inventory on that branch; routers reached through
    `frr_vtysh`, found in the lab by their management address (the devices' primary address)."""
    defaults = tmp_path / "defaults.yaml"
    defaults.write_text(
        yaml.safe_dump({"connection_options": {"frr_vtysh": {"extras": {"lab_prefix": LAB_PREFIX}}}})
    )
    made: list[Nornir] = []

    def make(branch: str = "main") -> Nornir:
        nr = InitNornir(
            runner={"plugin": "threaded", "options": {"num_workers": 6}},
            logging={"enabled": False},
            inventory={
                "plugin": "InfrahubInventory",
                "options": {
                    "address": loop_server.server.address,
                    "token": loop_server.server.token,
                    "branch": branch,
                    "host_node": {"kind": "NetDevice", "filters": {"platform__name__value": "frr"}},
                    "schema_mappings": [
                        {"name": "hostname", "mapping": "primary_address.address"},
                        {"name": "platform", "mapping": "platform.nornir_platform"},
                    ],
                    "defaults_file": str(defaults),
                },
            },
        )
        made.append(nr)
        return nr

    yield make
    for nr in made:
        nr.close_connections()


def render(nr: Nornir, branch: str | None = None) -> None:
    result = nr.run(task=render_config, repository=str(REPOSITORY), transform="frr_config", branch=branch)
    assert not result.failed, failures(result)


def converge(nr: Nornir) -> AggregatedResult:
    """Render from the inventory's branch, push (replace), verify; returns the push results."""
    render(nr)
    pushed = nr.run(task=push_config, mode="replace")
    assert not pushed.failed, failures(pushed)
    verified = nr.run(task=verify, timeout=CONVERGE)
    assert not verified.failed, failures(verified)
    return pushed


def failures(result: AggregatedResult) -> dict[str, str]:
    return {host: str(multi[0].result) for host, multi in result.failed_hosts.items()}


def changed_hosts(result: AggregatedResult) -> list[str]:
    return sorted(host for host, multi in result.items() if multi[0].changed)


def compliance_records(client: InfrahubClientSync) -> dict[str, dict[str, Any]]:
    return {
        node.name.value: {
            "status": node.status.value,
            "config_in_sync": node.config_in_sync.value,
            "verified": node.verified.value,
            "problems": node.problems.value,
            "device": node.device.id,
        }
        for node in client.all(kind=COMPLIANCE_KIND)
    }


def assert_established_in_frr(lab: Lab) -> None:
    state = lab.state()
    assert state is not None
    for record in state.routers:
        assert peer_states(lab.bgp_summary(record.name)) == dict.fromkeys(record.bgp_peers, "Established")


def test_render_push_verify_record_from_main(nornir_for: Any, lab: Lab, loop_server: FabricServer) -> None:
    nr = nornir_for()
    assert sorted(nr.inventory.hosts) == ROUTERS

    pushed = converge(nr)
    recorded = nr.run(task=record_compliance)

    assert changed_hosts(pushed) == ROUTERS  # the routers started empty
    assert not recorded.failed, failures(recorded)
    assert_established_in_frr(lab)
    with loop_server.client() as client:
        records = compliance_records(client)
        devices = {node.name.value: node.id for node in client.all(kind="NetDevice")}
    assert records == {
        name: {
            "status": "compliant",
            "config_in_sync": True,
            "verified": True,
            "problems": None,
            "device": devices[name],
        }
        for name in ROUTERS
    }
    again = nr.run(task=push_config, mode="replace")
    assert changed_hosts(again) == []


def change_asn(client: InfrahubClientSync, branch: str, device: str, asn: int) -> None:
    """`device`'s ASN becomes `asn`, in its own record and in its peers' sessions towards it."""
    node = client.get(kind="NetDevice", name__value=device, branch=branch)
    node.asn.value = asn
    node.save()
    for session in client.filters(kind="NetBGPSession", name__value=device, branch=branch):
        session.remote_as.value = asn
        session.save()
    for session in client.filters(kind="NetBGPSession", device__name__value=device, branch=branch):
        session.local_as.value = asn
        session.save()


def set_remote_as(client: InfrahubClientSync, branch: str, owner: str, remote: str, asn: int) -> None:
    session = client.get(kind="NetBGPSession", hfid=[owner, remote], branch=branch)
    session.remote_as.value = asn
    session.save()


def test_a_branch_change_is_diffed_before_merge_and_pushed_only_where_it_matters(
    nornir_for: Any, lab: Lab, loop_server: FabricServer
) -> None:
    converge(nornir_for())
    with loop_server.client() as client:
        client.branch.create(branch_name="leaf4-asn")
        change_asn(client, "leaf4-asn", "dc1-leaf4", 65204)

        on_branch = nornir_for("leaf4-asn")
        render(on_branch)
        diffs = on_branch.run(task=diff_config)
        assert not diffs.failed, failures(diffs)
        not_compliant = sorted(host for host, multi in diffs.items() if not multi[0].result["compliant"])
        assert not_compliant == ["dc1-leaf4", "dc1-spine1", "dc1-spine2"]
        assert "-router bgp 65104" in diffs["dc1-leaf4"][0].diff
        assert "+router bgp 65204" in diffs["dc1-leaf4"][0].diff
        assert "+ neighbor 10.0.0.13 remote-as 65204" in diffs["dc1-spine1"][0].diff
        assert diffs["dc1-leaf1"][0].diff == ""
        assert lab.bgp_summary("dc1-leaf4")["ipv4Unicast"]["as"] == 65104  # nothing pushed yet

        assert client.branch.merge(branch_name="leaf4-asn")

    pushed = converge(nornir_for())
    assert changed_hosts(pushed) == ["dc1-leaf4", "dc1-spine1", "dc1-spine2"]
    assert lab.bgp_summary("dc1-leaf4")["ipv4Unicast"]["as"] == 65204
    assert_established_in_frr(lab)

    with loop_server.client() as client:
        change_asn(client, "main", "dc1-leaf4", 65104)
    assert changed_hosts(converge(nornir_for())) == ["dc1-leaf4", "dc1-spine1", "dc1-spine2"]


def test_a_wrong_asn_fails_verification_against_the_device_and_is_recorded(
    nornir_for: Any, lab: Lab, loop_server: FabricServer
) -> None:
    converge(nornir_for())
    with loop_server.client() as client:
        client.branch.create(branch_name="wrong-asn")
        set_remote_as(client, "wrong-asn", "dc1-spine1", "dc1-leaf1", 65999)
        assert client.branch.merge(branch_name="wrong-asn")

    nr = nornir_for()
    render(nr)
    pushed = nr.run(task=push_config, mode="replace")
    verified = nr.run(task=verify, timeout=10)
    recorded = nr.run(task=record_compliance, on_failed=True)

    assert changed_hosts(pushed) == ["dc1-spine1"]
    assert sorted(verified.failed_hosts) == ["dc1-leaf1", "dc1-spine1"]
    message = str(verified["dc1-spine1"][0].result)
    assert message.startswith("dc1-spine1: verify failed: BGP neighbor 10.0.0.1 (AS 65999, dc1-leaf1) is ")
    assert message.endswith(", not Established")
    assert not recorded.failed, failures(recorded)
    with loop_server.client() as client:
        records = compliance_records(client)
        assert {name: record["status"] for name, record in records.items()} == {
            name: "non_compliant" if name in {"dc1-leaf1", "dc1-spine1"} else "compliant" for name in ROUTERS
        }
        assert records["dc1-spine1"]["verified"] is False
        assert records["dc1-spine1"]["config_in_sync"] is True
        assert "10.0.0.1 (AS 65999, dc1-leaf1)" in records["dc1-spine1"]["problems"]

        set_remote_as(client, "main", "dc1-spine1", "dc1-leaf1", 65101)
    assert changed_hosts(converge(nornir_for())) == ["dc1-spine1"]


def test_drift_made_by_hand_is_reported_and_a_push_fixes_it(
    nornir_for: Any, lab: Lab, loop_server: FabricServer
) -> None:
    converge(nornir_for())
    vtysh(lab.namespace("dc1-leaf2"), "configure terminal", "interface eth1", "description patched by hand")

    nr = nornir_for()
    render(nr)
    diffs = nr.run(task=diff_config)
    recorded = nr.run(task=record_compliance)

    assert sorted(host for host, multi in diffs.items() if not multi[0].result["compliant"]) == ["dc1-leaf2"]
    assert "- description patched by hand" in diffs["dc1-leaf2"][0].diff
    assert not recorded.failed, failures(recorded)
    with loop_server.client() as client:
        assert compliance_records(client)["dc1-leaf2"]["status"] == "non_compliant"

    pushed = nr.run(task=push_config, mode="replace")
    after = nr.run(task=diff_config)

    assert changed_hosts(pushed) == ["dc1-leaf2"]
    assert all(multi[0].result["compliant"] for multi in after.values())
