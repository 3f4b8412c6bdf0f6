"""Attributes added, made mandatory, removed, constrained or converted over existing objects."""

from __future__ import annotations

from typing import Any

import pytest
from migration_harness import DEVICE, SITE, Inventory, device_with

from infrahub_server.errors import SchemaError


def refusal(excinfo: pytest.ExceptionInfo[SchemaError]) -> str:
    return excinfo.value.message


def test_a_new_mandatory_attribute_without_default_is_refused_with_the_count(inventory: Inventory) -> None:
    for name in ("edge1", "edge2", "edge3"):
        inventory.device(name)

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(attributes=[{"name": "serial", "kind": "Text"}]))

    assert refusal(excinfo) == (
        "Unable to apply the schema: 3 objects of kind TestDevice have no value "
        "for the new mandatory attribute 'serial'"
    )
    assert excinfo.value.data["refusals"] == [
        {
            "kind": "TestDevice",
            "field": "serial",
            "count": 3,
            "message": "3 objects of kind TestDevice have no value for the new mandatory attribute 'serial'",
        }
    ]
    assert excinfo.value.http_status == 422


def test_a_new_mandatory_attribute_is_accepted_on_a_kind_without_objects(inventory: Inventory) -> None:
    plan = inventory.load(device_with(attributes=[{"name": "serial", "kind": "Text"}]))
    assert plan.is_empty


def test_a_new_attribute_with_a_default_gives_it_to_existing_objects(inventory: Inventory) -> None:
    first = inventory.device("edge1")
    second = inventory.device("edge2")

    inventory.load(device_with(attributes=[{"name": "vendor", "kind": "Text", "default_value": "frr"}]))

    assert inventory.values(first)["vendor"] == "frr"
    assert inventory.values(second)["vendor"] == "frr"
    assert inventory.is_default(first, "vendor") is True


def test_an_attribute_made_mandatory_is_refused_while_objects_have_no_value(inventory: Inventory) -> None:
    inventory.device("edge1", role="spine")
    inventory.device("edge2")
    inventory.device("edge3")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(attributes=[{"name": "role", "kind": "Text", "optional": False}]))

    assert refusal(excinfo) == (
        "Unable to apply the schema: 2 objects of kind TestDevice have no value "
        "for the attribute 'role', which becomes mandatory"
    )


def test_a_removed_attribute_loses_its_values(inventory: Inventory) -> None:
    device = inventory.device("edge1", code="X1", role="spine")

    inventory.load(device_with(attributes=[{"name": "code", "kind": "Text", "state": "absent"}]))

    assert "code" not in inventory.values(device)
    assert inventory.values(device)["role"] == "spine"


def test_an_attribute_missing_from_a_redeclared_kind_loses_its_values(inventory: Inventory) -> None:
    device = inventory.device("edge1", code="X1", role="spine")
    without_code = [attr for attr in DEVICE["attributes"] if attr["name"] != "code"]

    inventory.load(SITE, {**DEVICE, "attributes": without_code}, fresh=True)

    assert "code" not in inventory.values(device)
    assert inventory.values(device)["role"] == "spine"


def test_a_readded_attribute_does_not_bring_old_values_back(inventory: Inventory) -> None:
    device = inventory.device("edge1", code="X1")
    inventory.load(device_with(attributes=[{"name": "code", "kind": "Text", "state": "absent"}]))

    inventory.load(device_with(attributes=[{"name": "code", "kind": "Text", "default_value": "none"}]))

    assert inventory.values(device)["code"] == "none"


@pytest.mark.parametrize(
    ("existing", "changed", "expected"),
    [
        pytest.param(
            {"level": "low"},
            {"name": "level", "kind": "Text", "optional": True, "enum": ["mid", "high"]},
            "have a value of attribute 'level' that is not in its enum ['high', 'mid']",
            id="enum-narrowed",
        ),
        pytest.param(
            {"status": "retired"},
            {
                "name": "status",
                "kind": "Dropdown",
                "optional": True,
                "choices": [{"name": "active"}, {"name": "planned"}],
            },
            "have a value of attribute 'status' that is not in its dropdown choices ['active', 'planned']",
            id="dropdown-choice-removed",
        ),
        pytest.param(
            {"asn": 65001},
            {"name": "asn", "kind": "Number", "optional": True, "parameters": {"max_value": 65000}},
            "have a value of attribute 'asn' higher than the new max_value 65000",
            id="max-value-lowered",
        ),
        pytest.param(
            {"asn": 100},
            {"name": "asn", "kind": "Number", "optional": True, "parameters": {"min_value": 64512}},
            "have a value of attribute 'asn' lower than the new min_value 64512",
            id="min-value-raised",
        ),
        pytest.param(
            {"code": "ab-1"},
            {"name": "code", "kind": "Text", "optional": True, "regex": "^[A-Z]+-[0-9]+$"},
            "have a value of attribute 'code' that the new definition refuses "
            "(first: ab-1 must conform with the regex: '^[A-Z]+-[0-9]+$' at code)",
            id="regex-tightened",
        ),
        pytest.param(
            {"code": "ABCDEF"},
            {"name": "code", "kind": "Text", "optional": True, "max_length": 4},
            "have a value of attribute 'code' that the new definition refuses "
            "(first: ABCDEF must have a maximum length of 4 at code)",
            id="max-length-lowered",
        ),
    ],
)
def test_a_tightened_constraint_is_refused_while_values_violate_it(
    inventory: Inventory, existing: dict[str, Any], changed: dict[str, Any], expected: str
) -> None:
    inventory.device("edge1", **existing)
    inventory.device("edge2", **existing)
    inventory.device("edge3")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(attributes=[changed]))

    assert refusal(excinfo) == f"Unable to apply the schema: 2 objects of kind TestDevice {expected}"


def test_a_tightened_constraint_that_every_value_meets_is_accepted(inventory: Inventory) -> None:
    inventory.device("edge1", level="mid", asn=65000, code="AB-1")

    plan = inventory.load(
        device_with(
            attributes=[
                {"name": "level", "kind": "Text", "optional": True, "enum": ["mid", "high"]},
                {"name": "asn", "kind": "Number", "optional": True, "parameters": {"max_value": 65000}},
                {"name": "code", "kind": "Text", "optional": True, "regex": "^[A-Z]+-[0-9]+$"},
            ]
        )
    )

    assert plan.is_empty


def test_a_kind_change_converts_every_value_that_converts(inventory: Inventory) -> None:
    first = inventory.device("edge1", code="12")
    second = inventory.device("edge2", code=" 7")
    unset = inventory.device("edge3")

    inventory.load(device_with(attributes=[{"name": "code", "kind": "Number", "optional": True}]))

    assert inventory.values(first)["code"] == 12
    assert inventory.values(second)["code"] == 7
    assert inventory.values(unset)["code"] is None


def test_a_kind_change_is_refused_when_a_value_does_not_convert(inventory: Inventory) -> None:
    kept = inventory.device("edge1", code="12")
    inventory.device("edge2", code="twelve")

    with pytest.raises(SchemaError) as excinfo:
        inventory.load(device_with(attributes=[{"name": "code", "kind": "Number", "optional": True}]))

    assert refusal(excinfo) == (
        "Unable to apply the schema: 1 object of kind TestDevice has a value of attribute 'code' "
        "that cannot be converted from Text to Number"
    )
    assert inventory.values(kept)["code"] == "12"


def test_a_number_becomes_text(inventory: Inventory) -> None:
    device = inventory.device("edge1", asn=65001)

    inventory.load(device_with(attributes=[{"name": "asn", "kind": "Text", "optional": True}]))

    assert inventory.values(device)["asn"] == "65001"
