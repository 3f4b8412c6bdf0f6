"""NodeService.upsert: idempotent by HFID (attribute and relationship parts), id, or default filter."""

from __future__ import annotations

from collections.abc import Callable

from node_harness import Network


def test_upsert_creates_then_updates_the_node_with_the_same_hfid(network: Network, site: str) -> None:
    data = {
        "name": {"value": "atl1-edge1"},
        "role": {"value": "spine"},
        "site": {"hfid": ["atl1"]},
        "asn": {"value": 65001},
    }
    device, created = network.upsert("NetDevice", data)
    assert created is True

    again, created = network.upsert("NetDevice", {**data, "asn": {"value": 65002}})
    assert (again, created) == (device, False)
    assert network.ids("NetDevice") == [device]
    assert network.values(device)["asn"] == 65002


def test_upsert_matches_an_hfid_with_a_relationship_part(
    network: Network, device: str, make_device: Callable[..., str]
) -> None:
    other = make_device("atl1-edge2")
    first, created = network.upsert("NetInterface", {"name": {"value": "eth0"}, "device": {"id": device}})
    assert created is True
    # same name on another device: another interface
    second, created = network.upsert(
        "NetInterface", {"name": {"value": "eth0"}, "device": {"hfid": ["atl1-edge2"]}}
    )
    assert created is True
    assert second != first
    # repeated: the same interface, updated
    again, created = network.upsert(
        "NetInterface",
        {"name": {"value": "eth0"}, "device": {"hfid": ["atl1-edge1"]}, "mtu": {"value": 9000}},
    )
    assert (again, created) == (first, False)
    assert network.values(first)["mtu"] == 9000
    assert network.peers("NetDevice", other, "interfaces") == {second}


def test_upsert_by_id_and_by_hfid(network: Network, device: str) -> None:
    assert network.upsert("NetDevice", {"id": device, "serial": {"value": "SN1"}}) == (device, False)
    assert network.upsert("NetDevice", {"hfid": ["atl1-edge1"], "serial": {"value": "SN2"}}) == (
        device,
        False,
    )
    assert network.values(device)["serial"] == "SN2"

    chosen = "1856b2d7-9f1a-4c3e-3c4a-c51b7f1e2d9a"
    assert network.upsert("NetPlatform", {"id": chosen, "name": {"value": "eos"}}) == (chosen, True)


def test_upsert_without_hfid_uses_the_default_filter(network: Network) -> None:
    groups = network.with_kind_changes("CoreStandardGroup", human_friendly_id=None)
    group, created = groups.upsert("CoreStandardGroup", {"name": {"value": "edge"}})
    assert created is True
    again, created = groups.upsert(
        "CoreStandardGroup", {"name": {"value": "edge"}, "description": {"value": "x"}}
    )
    assert (again, created) == (group, False)


def test_a_kind_without_hfid_or_default_filter_always_creates(network: Network, device: str) -> None:
    eth0 = network.create("NetInterface", {"name": {"value": "eth0"}, "device": {"id": device}})
    eth1 = network.create("NetInterface", {"name": {"value": "eth1"}, "device": {"id": device}})
    data = {"endpoint_a": {"id": eth0}, "endpoint_b": {"id": eth1}}
    assert network.upsert("NetCable", data)[1] is True
    assert network.upsert("NetCable", data)[1] is True
    assert len(network.ids("NetCable")) == 2
