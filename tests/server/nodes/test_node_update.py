"""NodeService.update: only what is sent changes; many-relationship lists replace; null clears."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from node_harness import Network

from infrahub_server.errors import (
    AttributeConstraintError,
    AttributeRequiredError,
    NodeNotFoundError,
    ValidationError,
)
from infrahub_server.store import Snapshot

# a bcrypt hash is stored as given: hashing at the default cost would take most of a second
PRE_HASHED = "$2b$04$C6UzMDM.H6dfI/f/IKxGhu3DvHU8cH1bTthu6WK6kYv6mNSw4PqQS"


def test_only_the_fields_sent_change(network: Network, device: str) -> None:
    network.update("NetDevice", {"id": device, "asn": {"value": 65002}})
    assert network.values(device) == {
        "name": "atl1-edge1",
        "description": None,
        "role": "spine",
        "asn": 65002,
        "status": "active",
        "serial": None,
    }


def test_a_node_is_found_by_hfid(network: Network, device: str) -> None:
    assert network.update("NetDevice", {"hfid": ["atl1-edge1"], "serial": {"value": "SN1"}}) == device
    assert network.values(device)["serial"] == "SN1"


def test_a_node_is_found_through_a_generic(network: Network, site: str) -> None:
    assert network.update("NetPlace", {"id": site, "description": {"value": "Atlanta"}}) == site
    assert network.values(site)["description"] == "Atlanta"


def test_an_unknown_node_is_not_found(network: Network, site: str) -> None:
    with pytest.raises(
        NodeNotFoundError, match=r"Unable to find the node \['atl9'\] / NetDevice in the database."
    ):
        network.update("NetDevice", {"hfid": ["atl9"], "serial": {"value": "SN1"}})
    with pytest.raises(
        NodeNotFoundError, match=f"Unable to find the node {site} / NetDevice in the database."
    ):
        network.update("NetDevice", {"id": site, "serial": {"value": "SN1"}})
    with pytest.raises(ValidationError, match="Either id or hfid"):
        network.update("NetDevice", {"serial": {"value": "SN1"}})


def test_null_clears_an_optional_value_and_relationship(network: Network, device: str) -> None:
    platform = network.create("NetPlatform", {"name": {"value": "eos"}})
    network.update("NetDevice", {"id": device, "platform": {"id": platform}, "asn": {"value": 65001}})
    assert network.peers("NetDevice", device, "platform") == {platform}

    network.update("NetDevice", {"id": device, "platform": None, "asn": {"value": None}})
    assert network.peers("NetDevice", device, "platform") == set()
    assert network.values(device)["asn"] is None


def test_null_is_refused_for_mandatory_fields(network: Network, device: str) -> None:
    with pytest.raises(AttributeRequiredError, match=r"^A value must be provided for name at name$"):
        network.update("NetDevice", {"id": device, "name": {"value": None}})
    with pytest.raises(AttributeRequiredError, match=r"^site is mandatory for NetDevice at site$"):
        network.update("NetDevice", {"id": device, "site": None})


def test_is_default_resets_to_the_schema_default(network: Network, device: str) -> None:
    network.update("NetDevice", {"id": device, "status": {"value": "planned"}})
    node = network.node(device)
    assert node is not None
    assert (node.attributes["status"].value, node.attributes["status"].is_default) == ("planned", False)

    network.update("NetDevice", {"id": device, "status": {"is_default": True}})
    node = network.node(device)
    assert node is not None
    assert (node.attributes["status"].value, node.attributes["status"].is_default) == ("active", True)


def test_properties_change_without_the_value(network: Network, device: str) -> None:
    account = network.create("CoreAccount", {"name": {"value": "ops"}, "password": {"value": PRE_HASHED}})
    network.update("NetDevice", {"id": device, "name": {"is_protected": True, "owner": account}})
    node = network.node(device)
    assert node is not None
    assert node.attributes["name"].value == "atl1-edge1"
    assert (node.attributes["name"].is_protected, node.attributes["name"].owner_id) == (True, account)

    with pytest.raises(NodeNotFoundError):
        network.update(
            "NetDevice", {"id": device, "name": {"source": "0661199f-0000-0000-0000-000000000000"}}
        )


def test_a_many_relationship_list_replaces_the_peer_set(network: Network, device: str) -> None:
    groups = [network.create("CoreStandardGroup", {"name": {"value": name}}) for name in ("a", "b", "c")]
    network.update("NetDevice", {"id": device, "member_of_groups": [{"id": groups[0]}, {"id": groups[1]}]})
    assert network.peers("NetDevice", device, "member_of_groups") == {groups[0], groups[1]}

    network.update(
        "NetDevice",
        {"id": device, "member_of_groups": [{"id": groups[1]}, {"hfid": ["c"], "kind": "CoreStandardGroup"}]},
    )
    assert network.peers("NetDevice", device, "member_of_groups") == {groups[1], groups[2]}
    assert network.peers("CoreStandardGroup", groups[0], "members") == set()

    network.update("NetDevice", {"id": device, "member_of_groups": []})
    assert network.peers("NetDevice", device, "member_of_groups") == set()


def test_moving_a_cardinality_one_peer(
    network: Network, device: str, make_device: Callable[..., str]
) -> None:
    other = make_device("atl1-edge2")
    interface = network.create("NetInterface", {"name": {"value": "eth0"}, "device": {"id": device}})
    network.update("NetInterface", {"id": interface, "device": {"id": other}})
    assert network.peers("NetInterface", interface, "device") == {other}
    assert network.peers("NetDevice", device, "interfaces") == set()
    assert network.peers("NetDevice", other, "interfaces") == {interface}


def test_the_far_side_of_a_relationship_stays_valid(
    network: Network, device: str, make_device: Callable[..., str], make_interface: Callable[[str, str], str]
) -> None:
    interface = make_interface(device, "eth0")
    other = make_device("atl1-edge2")
    # eth0 already has its (single) device
    with pytest.raises(AttributeConstraintError, match=r"^Too many relationships, max 1 at device$"):
        network.update("NetDevice", {"id": other, "interfaces": [{"id": interface}]})
    # and it cannot be left without one
    with pytest.raises(AttributeConstraintError, match=r"^device is mandatory for NetInterface at device$"):
        network.update("NetDevice", {"id": device, "interfaces": []})
    assert network.peers("NetDevice", device, "interfaces") == {interface}


def test_relationship_properties_are_written_and_changed_in_place(
    network: Network, device: str, site: str
) -> None:
    account = network.create("CoreAccount", {"name": {"value": "ops"}, "password": {"value": PRE_HASHED}})
    rel = network.schema.get("NetDevice").get_relationship("site")
    assert rel is not None
    assert rel.identifier is not None

    def site_edge() -> tuple[bool, str | None]:
        with network.store.reader(Snapshot("main")) as reader:
            (edge,) = reader.get_edges(rel.identifier, [device], "either")[device]
        return edge.is_protected, edge.owner_id

    assert site_edge() == (False, None)
    network.update("NetDevice", {"id": device, "site": {"id": site, "_relation__is_protected": True}})
    assert site_edge() == (True, None)
    network.update("NetDevice", {"id": device, "site": {"id": site, "_relation__owner": account}})
    assert site_edge() == (True, account)
    assert network.peers("NetDevice", device, "site") == {site}


def test_an_hfid_part_is_compared_in_normal_form(network: Network, device: str) -> None:
    address = network.create("NetAddress", {"address": {"value": "10.0.0.1"}})
    network.update("NetDevice", {"id": device, "primary_address": {"hfid": ["10.0.0.1/32"]}})
    network.update("NetDevice", {"id": device, "primary_address": {"hfid": ["10.0.0.1"]}})
    assert network.peers("NetDevice", device, "primary_address") == {address}
