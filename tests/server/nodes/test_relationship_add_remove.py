"""RelationshipAdd / RelationshipRemove: change some peers of a many relationship, keep the rest."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from node_harness import Network

from infrahub_server.errors import AttributeConstraintError, NodeNotFoundError, ValidationError


@pytest.fixture
def groups(network: Network) -> list[str]:
    return [network.create("CoreStandardGroup", {"name": {"value": name}}) for name in ("a", "b", "c")]


def test_add_keeps_the_existing_peers(network: Network, device: str, groups: list[str]) -> None:
    network.run(lambda service: service.relationship_add(device, "member_of_groups", [{"id": groups[0]}]))
    network.run(
        lambda service: service.relationship_add(
            device, "member_of_groups", [{"id": groups[0]}, {"hfid": ["b"], "kind": "CoreStandardGroup"}]
        )
    )
    assert network.peers("NetDevice", device, "member_of_groups") == {groups[0], groups[1]}


def test_remove_drops_only_the_named_peers(network: Network, device: str, groups: list[str]) -> None:
    network.update("NetDevice", {"id": device, "member_of_groups": [{"id": group} for group in groups]})
    network.run(lambda service: service.relationship_remove(device, "member_of_groups", [{"id": groups[1]}]))
    assert network.peers("NetDevice", device, "member_of_groups") == {groups[0], groups[2]}
    # removing a peer that is not there changes nothing
    network.run(lambda service: service.relationship_remove(device, "member_of_groups", [{"id": groups[1]}]))
    assert network.peers("NetDevice", device, "member_of_groups") == {groups[0], groups[2]}


def test_add_from_the_group_side(network: Network, device: str, groups: list[str]) -> None:
    network.run(lambda service: service.relationship_add(groups[0], "members", [{"id": device}]))
    assert network.peers("NetDevice", device, "member_of_groups") == {groups[0]}


def test_refusals(
    network: Network, device: str, groups: list[str], make_interface: Callable[[str, str], str]
) -> None:
    with pytest.raises(ValidationError, match=r"^'site' must be a relationship of cardinality Many at site$"):
        network.run(lambda service: service.relationship_add(device, "site", [{"id": groups[0]}]))
    with pytest.raises(ValidationError, match=r"^tags is not a valid relationship of NetDevice at tags$"):
        network.run(lambda service: service.relationship_add(device, "tags", [{"id": groups[0]}]))
    with pytest.raises(ValidationError, match="is not a valid peer for member_of_groups"):
        network.run(lambda service: service.relationship_add(device, "member_of_groups", [{"id": device}]))
    with pytest.raises(NodeNotFoundError):
        network.run(lambda service: service.relationship_add(groups[0], "members", [{"id": "no-such-node"}]))
    with pytest.raises(NodeNotFoundError):
        network.run(lambda service: service.relationship_add("no-such-node", "members", [{"id": device}]))
    eth0 = make_interface(device, "eth0")
    with pytest.raises(AttributeConstraintError, match=r"^device is mandatory for NetInterface at device$"):
        network.run(lambda service: service.relationship_remove(device, "interfaces", [{"id": eth0}]))
