"""The lab's topology as read from a running server (no root needed): routers, cables, addresses, peers,
and interface names Linux cannot take."""

from __future__ import annotations

import ipaddress

import pytest
from lab_fabric_server import FabricServer

from labkit import read_topology

pytestmark = [pytest.mark.e2e]


def test_routers_links_and_peers_come_from_main(fabric_server: FabricServer) -> None:
    topology = fabric_server.topology()

    assert [router.name for router in topology.routers] == [
        "dc1-leaf1",
        "dc1-leaf2",
        "dc1-leaf3",
        "dc1-leaf4",
        "dc1-spine1",
        "dc1-spine2",
    ]
    assert [(link.a.router, link.a.interface, link.b.router, link.b.interface) for link in topology.links][
        :2
    ] == [
        ("dc1-spine1", "eth1", "dc1-leaf1", "eth1"),
        ("dc1-spine1", "eth2", "dc1-leaf2", "eth1"),
    ]
    spine1 = topology.router("dc1-spine1")
    assert spine1.management_address == "10.254.0.1"
    assert spine1.loopback_addresses == ("10.255.0.1",)
    assert spine1.bgp_peers == ("10.0.0.1", "10.0.0.5", "10.0.0.9", "10.0.0.13")
    assert topology.management_network() == ipaddress.ip_network("10.254.0.0/24")
    assert all(router.interface_map == {} for router in topology.routers)


def test_interface_names_linux_cannot_take_are_mapped_and_the_map_recorded(
    fabric_server: FabricServer,
) -> None:
    with fabric_server.client() as client:
        client.branch.create("long-interface-names", sync_with_git=False)
        interface = client.get(
            "NetInterface", device__name__value="dc1-leaf1", name__value="eth1", branch="long-interface-names"
        )
        interface.name.value = "Ethernet1/1/1.100-uplink"
        interface.save()
        topology = read_topology(client, "long-interface-names")

    leaf1 = topology.router("dc1-leaf1")
    assert leaf1.interface_map == {"Ethernet1/1/1.100-uplink": "if1"}
    cable = next(
        link for link in topology.links if link.b.router == "dc1-leaf1" and link.a.router == "dc1-spine1"
    )
    assert cable.b.interface == "if1"
    assert fabric_server.topology().router("dc1-leaf1").interface_map == {}
