"""NodeService.delete: cascades to components, refuses to orphan a mandatory relationship."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from node_harness import Network

from infrahub_server.errors import NodeNotFoundError, ValidationError
from infrahub_server.nodes import NodeService


def test_deleting_a_device_deletes_its_interfaces(
    network: Network, device: str, make_device: Callable[..., str], make_interface: Callable[[str, str], str]
) -> None:
    eth0, eth1 = make_interface(device, "eth0"), make_interface(device, "eth1")
    other = make_device("atl1-edge2")
    kept = make_interface(other, "eth0")

    deleted = network.delete("NetDevice", {"id": device})

    assert deleted[0] == device
    assert sorted(deleted[1:]) == sorted([eth0, eth1])
    assert network.node(device) is None
    assert network.ids("NetInterface") == [kept]


def test_delete_by_hfid_removes_the_edges(network: Network, site: str, device: str) -> None:
    assert network.delete("NetDevice", {"hfid": ["atl1-edge1"]}) == [device]
    # the site is free again: nothing holds it any more
    assert network.delete("NetSite", {"id": site}) == [site]


def test_a_node_that_is_a_mandatory_peer_cannot_be_deleted(network: Network, site: str, device: str) -> None:
    with pytest.raises(ValidationError) as caught:
        network.delete("NetSite", {"id": site})
    assert caught.value.message == (
        f"Cannot delete NetSite '{site}'. It is linked to mandatory relationship site on node "
        f"NetDevice '{device}' at NetDevice.site"
    )
    assert caught.value.http_status == 422
    assert network.node(site) is not None


def test_a_cascade_is_refused_when_a_survivor_holds_a_component(
    network: Network, device: str, make_device: Callable[..., str], make_interface: Callable[[str, str], str]
) -> None:
    other = make_device("atl1-edge2")
    eth0, peer_port = make_interface(device, "eth0"), make_interface(other, "eth0")
    cable = network.create("NetCable", {"endpoint_a": {"id": eth0}, "endpoint_b": {"id": peer_port}})

    # the cable is declared on the cable's side only, and it still protects the interface
    with pytest.raises(
        ValidationError, match=f"mandatory relationship endpoint_a on node NetCable '{cable}'"
    ):
        network.delete("NetDevice", {"id": device})
    assert network.node(eth0) is not None

    network.delete("NetCable", {"id": cable})
    assert set(network.delete("NetDevice", {"id": device})) == {device, eth0}


def test_a_hierarchy_parent_with_children_cannot_be_deleted(network: Network, region: str, site: str) -> None:
    with pytest.raises(ValidationError, match=f"mandatory relationship parent on node NetSite '{site}'"):
        network.delete("NetRegion", {"id": region})


def test_deleting_an_unknown_node(network: Network, device: str) -> None:
    with pytest.raises(NodeNotFoundError):
        network.delete("NetDevice", {"hfid": ["nowhere"]})
    with pytest.raises(NodeNotFoundError):
        network.delete("NetSite", {"id": device})


def test_a_deleted_node_cannot_be_named_later_in_the_same_change_set(network: Network, device: str) -> None:
    platform = network.create("NetPlatform", {"name": {"value": "eos"}})

    def link_delete_link(service: NodeService) -> None:
        service.update("NetDevice", {"id": device, "platform": {"hfid": ["eos"]}})
        service.delete("NetPlatform", {"id": platform})
        with pytest.raises(NodeNotFoundError):
            service.update("NetDevice", {"id": device, "platform": {"hfid": ["eos"]}})

    network.run(link_delete_link)
    assert network.peers("NetDevice", device, "platform") == set()
