"""Attribute values: what each kind accepts, how it is stored, and how refusals read."""

from __future__ import annotations

from typing import Any

import pytest

from infrahub_server.errors import AttributeConstraintError, AttributeInvalidTypeError, AttributeRequiredError
from infrahub_server.nodes.values import check_value
from infrahub_server.schema.models import AttributeSchema, DropdownChoice


def attribute(kind: str, **fields: Any) -> AttributeSchema:
    return AttributeSchema(name="field", kind=kind, optional=fields.pop("optional", True), **fields)


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [
        ("Text", "edge1", "edge1"),
        ("TextArea", "x" * 5000, "x" * 5000),
        ("Number", 65000, 65000),
        ("Boolean", False, False),
        ("Checkbox", True, True),
        ("IPHost", "10.0.0.1/24", "10.0.0.1/24"),
        ("IPHost", "10.0.0.1", "10.0.0.1/32"),
        ("IPHost", "2001:db8:0::0001/64", "2001:db8::1/64"),
        ("IPNetwork", "10.0.0.0/24", "10.0.0.0/24"),
        ("IPNetwork", "2001:DB8::/32", "2001:db8::/32"),
        ("MacAddress", "00:1b:77:49:54:fd", "00-1B-77-49-54-FD"),
        ("DateTime", "2025-06-01T12:00:00.123456Z", "2025-06-01T12:00:00.123456Z"),
        ("URL", "https://netbox.example.com/api/", "https://netbox.example.com/api/"),
        ("URL", "/api/config", "/api/config"),
        ("JSON", {"vlan": [10, 20]}, {"vlan": [10, 20]}),
        ("JSON", '{"vlan": 10}', {"vlan": 10}),
        ("List", ["a", "b"], ["a", "b"]),
        ("List", '["a"]', ["a"]),
        ("Any", 3.5, 3.5),
    ],
)
def test_accepted_values_are_stored_normalised(kind: str, value: Any, stored: Any) -> None:
    assert check_value("NetDevice", attribute(kind), value) == stored


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("Text", 42),
        ("Number", "12"),
        ("Number", True),
        ("Number", 1.5),
        ("Boolean", "true"),
        ("IPHost", "10.0.0.300"),
        ("IPNetwork", "10.0.0.1/24"),
        ("MacAddress", "00:1b:77:zz:54:fd"),
        ("DateTime", "yesterday"),
        ("URL", "netbox"),
        ("JSON", "{not json"),
        ("JSON", 12),
        ("List", {"a": 1}),
    ],
)
def test_values_of_the_wrong_type_are_refused(kind: str, value: Any) -> None:
    with pytest.raises(AttributeInvalidTypeError) as error:
        check_value("NetDevice", attribute(kind), value)
    assert error.value.code == "ATTRIBUTE_INVALID_TYPE"
    assert error.value.message == f"{value} is not a valid {kind} at field"
    assert error.value.data["node_kind"] == "NetDevice"
    assert error.value.data["field_name"] == "field"


def test_a_hashed_password_is_stored_as_a_bcrypt_hash() -> None:
    stored = check_value("CoreAccount", attribute("HashedPassword"), "s3cret")
    assert stored.startswith("$2b$")
    assert check_value("CoreAccount", attribute("HashedPassword"), stored) == stored


@pytest.mark.parametrize(
    ("attr", "value", "message"),
    [
        (
            attribute("Text", regex="^[a-z]+$"),
            "Edge1",
            "Edge1 must conform with the regex: '^[a-z]+$' at field",
        ),
        (
            attribute("Text", parameters={"regex": "^[a-z]+$", "min_length": None, "max_length": None}),
            "Edge1",
            "Edge1 must conform with the regex: '^[a-z]+$' at field",
        ),
        (
            attribute("Text", parameters={"min_length": 3}),
            "ab",
            "ab must have a minimum length of 3 at field",
        ),
        (attribute("Text", max_length=3), "abcd", "abcd must have a maximum length of 3 at field"),
        (
            attribute("List", parameters={"regex": "^(ssh|ping)$"}),
            ["ssh", "http"],
            "http must conform with the regex: '^(ssh|ping)$' at field",
        ),
        (
            attribute("Number", parameters={"min_value": 10}),
            5,
            "5 is lower than the minimum allowed value 10 at field",
        ),
        (
            attribute("Number", parameters={"max_value": 4096}),
            10000,
            "10000 is higher than the maximum allowed value 4096 at field",
        ),
        (
            attribute("Number", parameters={"excluded_values": "12,14-16"}),
            12,
            "12 is in the excluded values at field",
        ),
        (
            attribute("Number", parameters={"excluded_values": "12,14-16"}),
            15,
            "15 is in the excluded range 14-16 at field",
        ),
        (
            attribute("Text", enum=["active", "planned"]),
            "retired",
            "retired must be one of ['active', 'planned'] at field",
        ),
        (
            attribute("Dropdown", choices=[DropdownChoice(name="spine"), DropdownChoice(name="leaf")]),
            "core",
            "core must be one of 'leaf, spine' at field",
        ),
        (
            attribute("Text"),
            "x" * 5000,
            "Text attribute length should be less than 4096 characters. at field",
        ),
    ],
)
def test_constraint_violations_are_refused(attr: AttributeSchema, value: Any, message: str) -> None:
    with pytest.raises(AttributeConstraintError) as error:
        check_value("NetDevice", attr, value)
    assert error.value.code == "ATTRIBUTE_CONSTRAINT_VIOLATION"
    assert error.value.message == message


def test_values_within_the_constraints_pass() -> None:
    assert (
        check_value(
            "NetDevice", attribute("Number", parameters={"min_value": 10, "excluded_values": "12,14-16"}), 13
        )
        == 13
    )
    assert check_value("NetDevice", attribute("Text", enum=["active"]), "active") == "active"


def test_null_is_refused_for_a_mandatory_attribute_only() -> None:
    assert check_value("NetDevice", attribute("Text"), None) is None
    with pytest.raises(AttributeRequiredError) as error:
        check_value("NetDevice", attribute("Text", optional=False), None)
    assert error.value.code == "ATTRIBUTE_REQUIRED"
    assert error.value.message == "A value must be provided for field at field"


def test_a_password_longer_than_bcrypt_reads_is_still_hashed() -> None:
    stored = check_value("CoreAccount", attribute("HashedPassword"), "x" * 100)
    assert stored.startswith("$2b$")
