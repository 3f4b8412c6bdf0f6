"""Uniqueness constraints: attributes and relationship members, on create and on update."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from node_harness import Network

from infrahub_server.errors import UniquenessError


def test_a_duplicate_unique_attribute_is_refused(
    network: Network, device: str, make_device: Callable[..., str]
) -> None:
    with pytest.raises(UniquenessError) as caught:
        make_device("atl1-edge1")
    assert (caught.value.code, caught.value.http_status, caught.value.message) == (
        "UNDEFINED_ERROR",
        422,
        "Violates uniqueness constraint 'name'",
    )
    assert caught.value.data == {}
    assert network.ids("NetDevice") == [device]


def test_a_constraint_with_a_relationship_member(
    network: Network, device: str, make_device: Callable[..., str], make_interface: Callable[[str, str], str]
) -> None:
    make_interface(device, "eth0")
    other = make_device("atl1-edge2")
    make_interface(other, "eth0")

    with pytest.raises(UniquenessError, match=r"^Violates uniqueness constraint 'device-name'$"):
        make_interface(device, "eth0")


def test_an_update_into_a_taken_value_is_refused(
    network: Network, device: str, make_device: Callable[..., str], make_interface: Callable[[str, str], str]
) -> None:
    other = make_device("atl1-edge2")
    with pytest.raises(UniquenessError, match="'name'"):
        network.update("NetDevice", {"id": other, "name": {"value": "atl1-edge1"}})
    # writing a node's own value again is no conflict
    network.update("NetDevice", {"id": device, "name": {"value": "atl1-edge1"}})

    eth0 = make_interface(device, "eth0")
    eth0_other = make_interface(other, "eth0")
    with pytest.raises(UniquenessError, match="'device-name'"):
        network.update("NetInterface", {"id": eth0_other, "device": {"id": device}})
    assert network.peers("NetDevice", device, "interfaces") == {eth0}


def test_unset_values_do_not_collide(network: Network, make_device: Callable[..., str]) -> None:
    # null values of a unique attribute never collide
    serials = network.with_kind_changes(
        "NetDevice", uniqueness_constraints=[["name__value"], ["serial__value"]]
    )
    make_device("a")
    make_device("b")
    serials.update("NetDevice", {"hfid": ["a"], "serial": {"value": "SN1"}})
    serials.update("NetDevice", {"hfid": ["b"], "description": {"value": "no serial yet"}})
    with pytest.raises(UniquenessError, match="'serial'"):
        serials.update("NetDevice", {"hfid": ["b"], "serial": {"value": "SN1"}})
