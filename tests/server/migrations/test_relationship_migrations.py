"""Relationships narrowed to one peer, made mandatory, given bounds, or removed."""

from __future__ import annotations

import pytest
from migration_harness import Inventory, device_with

from infrahub_server.errors import SchemaError

TAGS = {"name": "tags", "peer": "BuiltinTag", "cardinality": "many", "optional": True}
SITE_REL = {"name": "site", "peer": "TestSite", "cardinality": "one", "identifier": "site__devices"}


def tag(inventory: Inventory, name: str) -> str:
    return inventory.create("BuiltinTag", {"name": {"value": name}})


def test_many_to_one_is_refused_while_a_node_has_several_peers(inventory: Inventory) -> None:
    red, blue = tag(inventory, "red"), tag(inventory, "blue")
    inventory.device("edge1", tags=[red, blue])
    inventory.device("edge2", tags=[red])
    inventory.device("edge3")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(relationships=[{**TAGS, "cardinality": "one"}]))

    assert excinfo.value.message == (
        "Unable to apply the schema: 1 object of kind TestDevice has more than one peer "
        "for the relationship 'tags', which becomes cardinality one"
    )


def test_many_to_one_is_accepted_when_every_node_has_one_peer_at_most(inventory: Inventory) -> None:
    red = tag(inventory, "red")
    device = inventory.device("edge1", tags=[red])

    plan = inventory.load(device_with(relationships=[{**TAGS, "cardinality": "one"}]))

    assert plan.is_empty
    assert inventory.peers(device, "tags") == {red}


def test_a_lower_max_count_is_refused_while_nodes_have_more_peers(inventory: Inventory) -> None:
    tags = [tag(inventory, name) for name in ("red", "blue", "green")]
    inventory.device("edge1", tags=tags)
    inventory.device("edge2", tags=tags)

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(relationships=[{**TAGS, "max_count": 2}]))

    assert excinfo.value.message == (
        "Unable to apply the schema: 2 objects of kind TestDevice have more than 2 peers "
        "for the relationship 'tags' (new max_count)"
    )


def test_a_relationship_made_mandatory_is_refused_while_nodes_have_no_peer(inventory: Inventory) -> None:
    site = inventory.create("TestSite", {"name": {"value": "atl1"}})
    inventory.device("edge1", site=site)
    inventory.device("edge2")
    inventory.device("edge3")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(relationships=[{**SITE_REL, "optional": False}]))

    assert excinfo.value.message == (
        "Unable to apply the schema: 2 objects of kind TestDevice have no peer "
        "for the relationship 'site', which becomes mandatory"
    )


def test_a_new_mandatory_relationship_is_refused_on_existing_nodes(inventory: Inventory) -> None:
    inventory.device("edge1")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(
            device_with(
                relationships=[
                    {
                        "name": "owner",
                        "peer": "TestSite",
                        "cardinality": "one",
                        "optional": False,
                        "identifier": "device__owner",
                    }
                ]
            )
        )

    assert excinfo.value.message == (
        "Unable to apply the schema: 1 object of kind TestDevice has no peer "
        "for the new mandatory relationship 'owner'"
    )


def test_a_removed_relationship_closes_its_edges(inventory: Inventory) -> None:
    red, blue = tag(inventory, "red"), tag(inventory, "blue")
    site = inventory.create("TestSite", {"name": {"value": "atl1"}})
    device = inventory.device("edge1", tags=[red, blue], site=site)

    plan = inventory.load(device_with(relationships=[{**TAGS, "state": "absent"}]))

    assert len(plan.edge_removals) == 2
    assert inventory.peers(device, "tags") == set()
    assert inventory.peers(device, "site") == {site}


def test_a_removed_relationship_on_a_branch_keeps_main_edges(inventory: Inventory) -> None:
    red = tag(inventory, "red")
    device = inventory.device("edge1", tags=[red])
    inventory.branch("dev")

    inventory.load(device_with(relationships=[{**TAGS, "state": "absent"}]), branch="dev")

    assert inventory.peers(device, "tags", branch="dev") == set()
    assert inventory.peers(device, "tags") == {red}


def test_a_higher_min_count_is_refused_while_nodes_have_fewer_peers(inventory: Inventory) -> None:
    red, blue = tag(inventory, "red"), tag(inventory, "blue")
    inventory.device("edge1", tags=[red, blue])
    inventory.device("edge2", tags=[red])
    inventory.device("edge3")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(relationships=[{**TAGS, "min_count": 2}]))

    assert excinfo.value.message == (
        "Unable to apply the schema: 2 objects of kind TestDevice have fewer than 2 peers "
        "for the relationship 'tags' (new min_count)"
    )
