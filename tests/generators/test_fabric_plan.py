"""The fabric generator's plan: names, ASNs and addresses are deterministic and stable as a fabric grows."""

from __future__ import annotations

import dataclasses
import re

import pytest
from generators_repository import load_repository_module

plan = load_repository_module("generators/fabric_plan.py")

SMALL = plan.FabricDesign(
    name="lab",
    spine_count=1,
    leaf_count=2,
    asn_base=65000,
    loopback_prefix="10.255.0.0/24",
    p2p_prefix="10.0.0.0/29",
    sites=("ams1",),
    platform="frr",
)


def test_a_small_fabric_in_full() -> None:
    interface = plan.PlannedInterface
    assert plan.plan_fabric(SMALL) == plan.FabricPlan(
        design=SMALL,
        devices=(
            plan.PlannedDevice(
                name="lab-spine1",
                role="spine",
                ordinal=1,
                asn=65001,
                site="ams1",
                loopback="10.255.0.1/32",
                management=None,
                interfaces=(
                    interface("lo", "loopback", "router id", "10.255.0.1/32", 1500),
                    interface("eth1", "downlink", "to lab-leaf1 eth1", "10.0.0.0/31", 1500),
                    interface("eth2", "downlink", "to lab-leaf2 eth1", "10.0.0.2/31", 1500),
                ),
            ),
            plan.PlannedDevice(
                name="lab-leaf1",
                role="leaf",
                ordinal=101,
                asn=65101,
                site="ams1",
                loopback="10.255.0.101/32",
                management=None,
                interfaces=(
                    interface("lo", "loopback", "router id", "10.255.0.101/32", 1500),
                    interface("eth1", "uplink", "to lab-spine1 eth1", "10.0.0.1/31", 1500),
                ),
            ),
            plan.PlannedDevice(
                name="lab-leaf2",
                role="leaf",
                ordinal=102,
                asn=65102,
                site="ams1",
                loopback="10.255.0.102/32",
                management=None,
                interfaces=(
                    interface("lo", "loopback", "router id", "10.255.0.102/32", 1500),
                    interface("eth1", "uplink", "to lab-spine1 eth2", "10.0.0.3/31", 1500),
                ),
            ),
        ),
        links=(
            plan.PlannedLink(0, "lab-spine1", "eth1", "10.0.0.0/31", "lab-leaf1", "eth1", "10.0.0.1/31"),
            plan.PlannedLink(1, "lab-spine1", "eth2", "10.0.0.2/31", "lab-leaf2", "eth1", "10.0.0.3/31"),
        ),
        sessions=(
            plan.PlannedSession("lab-spine1", "lab-leaf1", 65001, 65101, "10.0.0.0/31", "10.0.0.1/31"),
            plan.PlannedSession("lab-leaf1", "lab-spine1", 65101, 65001, "10.0.0.1/31", "10.0.0.0/31"),
            plan.PlannedSession("lab-spine1", "lab-leaf2", 65001, 65102, "10.0.0.2/31", "10.0.0.3/31"),
            plan.PlannedSession("lab-leaf2", "lab-spine1", 65102, 65001, "10.0.0.3/31", "10.0.0.2/31"),
        ),
    )


def test_link_prefix_and_cable_name() -> None:
    link = plan.plan_fabric(SMALL).links[1]
    assert (link.prefix, link.cable_name) == ("10.0.0.2/31", "lab-spine1:eth2 <> lab-leaf2:eth1")


@pytest.mark.parametrize(
    ("role", "index", "asn"),
    [("spine", 1, 65001), ("spine", 99, 65099), ("leaf", 1, 65101), ("leaf", 150, 65250)],
)
def test_every_device_has_its_own_asn(role: str, index: int, asn: int) -> None:
    assert plan.device_asn(65000, role, index) == asn


def test_host_addresses() -> None:
    assert plan.host_address("10.255.0.0/24", 101, host_length=True) == "10.255.0.101/32"
    assert plan.host_address("10.254.0.0/24", 2, host_length=False) == "10.254.0.2/24"
    assert plan.host_address("fd00::/64", 3, host_length=True) == "fd00::3/128"
    with pytest.raises(plan.DesignError, match=re.escape("10.255.0.0/25 has no host number 128")):
        plan.host_address("10.255.0.0/25", 128, host_length=True)


def test_point_to_point_addresses() -> None:
    assert plan.p2p_addresses("10.0.0.0/24", 0) == ("10.0.0.0/31", "10.0.0.1/31")
    assert plan.p2p_addresses("10.0.0.0/24", 127) == ("10.0.0.254/31", "10.0.0.255/31")
    assert plan.p2p_addresses("fd00:1::/120", 1) == ("fd00:1::2/127", "fd00:1::3/127")
    with pytest.raises(plan.DesignError, match="too small for point-to-point link 129"):
        plan.p2p_addresses("10.0.0.0/24", 128)


def test_adding_a_leaf_changes_nothing_that_exists() -> None:
    design = dataclasses.replace(SMALL, spine_count=2, leaf_count=4, p2p_prefix="10.0.0.0/24")
    before = plan.plan_fabric(design)
    after = plan.plan_fabric(dataclasses.replace(design, leaf_count=5))
    assert after.links[: len(before.links)] == before.links
    assert after.sessions[: len(before.sessions)] == before.sessions
    grown = {device.name: device for device in after.devices}
    for device in before.devices:
        kept = grown[device.name].interfaces[: len(device.interfaces)]
        assert dataclasses.replace(grown[device.name], interfaces=kept) == device
    assert [device.name for device in after.devices[len(before.devices) :]] == ["lab-leaf5"]


def test_devices_are_spread_over_sites_in_blocks() -> None:
    design = dataclasses.replace(
        SMALL, spine_count=2, leaf_count=4, p2p_prefix="10.0.0.0/24", sites=("ams1", "fra1")
    )
    assert {device.name: device.site for device in plan.plan_fabric(design).devices} == {
        "lab-spine1": "ams1",
        "lab-spine2": "fra1",
        "lab-leaf1": "ams1",
        "lab-leaf2": "ams1",
        "lab-leaf3": "fra1",
        "lab-leaf4": "fra1",
    }


def test_eos_devices_get_eos_interface_names() -> None:
    design = dataclasses.replace(SMALL, platform="eos", management_prefix="10.254.0.0/24")
    leaf = plan.plan_fabric(design).devices[1]
    assert [(interface.name, interface.address) for interface in leaf.interfaces] == [
        ("Loopback0", "10.255.0.101/32"),
        ("Management1", "10.254.0.101/24"),
        ("Ethernet1", "10.0.0.1/31"),
    ]
    assert leaf.management == "10.254.0.101/24"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"spine_count": 0}, "spine_count must be between 1 and 99, not 0"),
        ({"leaf_count": 0}, "leaf_count must be at least 1, not 0"),
        ({"sites": ()}, "fabric lab has no site"),
        ({"leaf_count": 5}, "10.0.0.0/29 is too small for point-to-point link 5"),
        ({"loopback_prefix": "10.255.0.0/26"}, "10.255.0.0/26 has no host number 102"),
    ],
)
def test_designs_that_cannot_be_built_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(plan.DesignError, match=re.escape(message)):
        plan.plan_fabric(dataclasses.replace(SMALL, **change))


def test_design_from_a_query_response() -> None:
    def value(item: object) -> dict[str, object]:
        return {"value": item}

    response = {
        "NetFabricDesign": {
            "edges": [
                {
                    "node": {
                        "id": "1",
                        "name": value("dc1"),
                        "spine_count": value(2),
                        "leaf_count": value(4),
                        "asn_base": value(65000),
                        "loopback_prefix": value("10.255.0.0/24"),
                        "p2p_prefix": value("10.0.0.0/24"),
                        "management_prefix": value(None),
                        "mtu": value(9000),
                        "sites": {
                            "edges": [
                                {"node": {"id": "s2", "name": value("fra1")}},
                                {"node": {"id": "s1", "name": value("ams1")}},
                            ]
                        },
                        "platform": {"node": {"id": "p", "name": value("frr")}},
                        "device_group": {"node": None},
                    }
                }
            ]
        },
        "NetDeviceRole": {"edges": []},
    }
    assert plan.design_from_response(response) == plan.FabricDesign(
        name="dc1",
        spine_count=2,
        leaf_count=4,
        asn_base=65000,
        loopback_prefix="10.255.0.0/24",
        p2p_prefix="10.0.0.0/24",
        sites=("ams1", "fra1"),
        platform="frr",
        management_prefix=None,
        mtu=9000,
    )
    with pytest.raises(plan.DesignError, match="no fabric design"):
        plan.design_from_response({"NetFabricDesign": {"edges": []}})
