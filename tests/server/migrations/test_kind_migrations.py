"""Kinds removed, uniqueness added, and migrations kept to the branch they are loaded on."""

from __future__ import annotations

import pytest
from migration_harness import DEVICE, SITE, Inventory, device_with, schema_file

from infrahub_server.errors import SchemaError
from infrahub_server.migrations import apply_schema_migration, plan_schema_migration
from infrahub_server.schema import load_schema_files
from infrahub_server.store import Snapshot

SITE_WITHOUT_DEVICES = {**SITE, "relationships": [{**SITE["relationships"][0], "state": "absent"}]}


def test_a_kind_with_objects_cannot_be_removed(inventory: Inventory) -> None:
    inventory.device("edge1")
    inventory.device("edge2")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load({**DEVICE, "state": "absent"}, SITE_WITHOUT_DEVICES)

    assert excinfo.value.message == (
        "Unable to apply the schema: 2 objects of kind TestDevice have to be deleted "
        "before the kind can be removed"
    )


def test_a_kind_without_objects_is_removed(inventory: Inventory) -> None:
    inventory.create("TestSite", {"name": {"value": "atl1"}})

    plan = inventory.load({**DEVICE, "state": "absent"}, SITE_WITHOUT_DEVICES)

    assert plan.is_empty
    assert "TestDevice" not in inventory.schemas["main"].nodes


def test_an_attribute_made_unique_is_refused_naming_the_duplicated_values(inventory: Inventory) -> None:
    for name in ("edge1", "edge1", "edge2", "edge2", "edge2", "edge3"):
        inventory.device(name)

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(attributes=[{"name": "name", "kind": "Text", "unique": True}]))

    assert excinfo.value.message == (
        "Unable to apply the schema: 5 objects of kind TestDevice have duplicated values for the new "
        "uniqueness constraint 'name': 'edge2' (3), 'edge1' (2)"
    )


def test_a_uniqueness_constraint_over_a_relationship_counts_objects_sharing_both_values(
    inventory: Inventory,
) -> None:
    atl = inventory.create("TestSite", {"name": {"value": "atl1"}})
    bos = inventory.create("TestSite", {"name": {"value": "bos1"}})
    inventory.device("edge1", site=atl)
    inventory.device("edge1", site=atl)
    inventory.device("edge1", site=bos)
    inventory.device("edge1")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load({**DEVICE, "uniqueness_constraints": [["name__value", "site"]]})

    assert excinfo.value.message.startswith(
        "Unable to apply the schema: 2 objects of kind TestDevice have duplicated values for the new "
        "uniqueness constraint 'name-site': 'edge1'-"
    )
    assert excinfo.value.data["refusals"][0]["field"] == "name-site"


def test_uniqueness_is_accepted_when_values_are_distinct(inventory: Inventory) -> None:
    first = inventory.device("edge1")
    inventory.device("edge2")

    plan = inventory.load(device_with(attributes=[{"name": "name", "kind": "Text", "unique": True}]))

    assert plan.is_empty
    assert inventory.values(first)["name"] == "edge1"


def test_every_refusal_of_one_load_is_reported(inventory: Inventory) -> None:
    inventory.device("edge1", level="low")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(
            device_with(
                attributes=[
                    {"name": "serial", "kind": "Text"},
                    {"name": "level", "kind": "Text", "optional": True, "enum": ["high"]},
                ]
            )
        )

    assert [(item["field"], item["count"]) for item in excinfo.value.data["refusals"]] == [
        ("level", 1),
        ("serial", 1),
    ]


def test_a_migration_on_a_branch_leaves_main_untouched(inventory: Inventory) -> None:
    device = inventory.device("edge1", code="X1")
    inventory.branch("dev")

    inventory.load(
        device_with(
            attributes=[
                {"name": "vendor", "kind": "Text", "default_value": "frr"},
                {"name": "code", "kind": "Text", "state": "absent"},
            ]
        ),
        branch="dev",
    )

    assert inventory.values(device, branch="dev")["vendor"] == "frr"
    assert "code" not in inventory.values(device, branch="dev")
    assert "vendor" not in inventory.values(device)
    assert inventory.values(device)["code"] == "X1"


def test_refusals_on_a_branch_count_the_branch_data(inventory: Inventory) -> None:
    inventory.device("edge1")
    inventory.branch("dev")
    inventory.device("edge2", branch="dev")
    inventory.device("edge3", branch="dev")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(attributes=[{"name": "serial", "kind": "Text"}]), branch="dev")

    assert "3 objects of kind TestDevice" in excinfo.value.message
    with pytest.raises(SchemaError) as on_main:
        inventory.load(device_with(attributes=[{"name": "serial", "kind": "Text"}]))
    assert "1 object of kind TestDevice has" in on_main.value.message


def test_a_new_unique_attribute_whose_default_would_repeat_is_refused(inventory: Inventory) -> None:
    inventory.device("edge1")
    inventory.device("edge2")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(
            device_with(
                attributes=[{"name": "serial", "kind": "Text", "unique": True, "default_value": "none"}]
            )
        )

    assert excinfo.value.message == (
        "Unable to apply the schema: 2 objects of kind TestDevice have duplicated values for the new "
        "uniqueness constraint 'serial': 'none' (2)"
    )


def test_a_plan_is_written_only_on_its_own_branch(inventory: Inventory) -> None:
    inventory.device("edge1")
    inventory.branch("dev")
    new = load_schema_files(
        inventory.schemas["main"],
        [schema_file(device_with(attributes=[{"name": "vendor", "kind": "Text", "default_value": "frr"}]))],
    ).schema
    with inventory.store.reader(Snapshot("dev")) as reader:
        plan = plan_schema_migration(inventory.schemas["main"], new, reader)

    with (
        pytest.raises(ValueError, match="planned on dev cannot be written on main"),
        inventory.store.change_set("main", actor_id=None) as writer,
    ):
        apply_schema_migration(plan, writer)
