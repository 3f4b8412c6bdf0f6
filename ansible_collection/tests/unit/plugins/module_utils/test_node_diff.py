# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""What the node and object_load modules compare before they write."""

from __future__ import annotations

import ipaddress

import pytest
from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError
from ansible_collections.infrahub.lite.plugins.module_utils.node_diff import (
    NodeShape,
    changed_fields,
    desired_state,
    field_diff,
    lookup_arguments,
)

SHAPE = NodeShape(
    kind="InfraDevice",
    attributes=("name", "role", "address"),
    unique_attributes=("name",),
    relationships={"site": "one", "tags": "many"},
    human_friendly_id=("name__value",),
)
SITE_ID = "18a6c2c0-5d21-4c2b-9d38-2f8c1a2b3c4d"


def test_references_are_ids_for_uuids_and_hfids_otherwise() -> None:
    desired = desired_state(
        SHAPE, {"name": {"value": "r1"}, "site": SITE_ID, "tags": ["red", ["blue"], {"id": "t"}]}
    )

    assert desired == {
        "name": "r1",
        "site": {"id": SITE_ID},
        "tags": [{"hfid": ["red"]}, {"hfid": ["blue"]}, {"id": "t"}],
    }


def test_an_unknown_field_is_named() -> None:
    with pytest.raises(
        InfrahubCollectionError, match=r"data\.colour: InfraDevice has no attribute or relationship"
    ):
        desired_state(SHAPE, {"colour": "red"})


@pytest.mark.parametrize(
    ("data", "lookup"),
    [
        ({"id": "x", "name": "r1"}, {"id": "x"}),
        ({"hfid": "r1"}, {"hfid": ["r1"]}),
        ({"name": "r1", "role": "edge"}, {"hfid": ["r1"]}),
    ],
)
def test_the_node_is_found_by_id_then_hfid(data: dict, lookup: dict) -> None:
    assert lookup_arguments(SHAPE, data) == lookup


def test_a_unique_attribute_finds_a_kind_without_hfid() -> None:
    shape = NodeShape(kind="BuiltinTag", attributes=("name",), unique_attributes=("name",))

    assert lookup_arguments(shape, {"name": "red"}) == {"name__value": "red"}


def test_without_identity_the_error_says_what_to_give() -> None:
    with pytest.raises(InfrahubCollectionError, match="give 'id', 'hfid' or name"):
        lookup_arguments(SHAPE, {"role": "edge"})


def test_only_differing_fields_are_changed() -> None:
    desired = desired_state(
        SHAPE, {"name": "r1", "role": "core", "address": "10.0.0.1/24", "site": "paris", "tags": ["b", "a"]}
    )
    current = {
        "name": "r1",
        "role": "edge",
        "address": ipaddress.ip_interface("10.0.0.1/24"),
        "site": {"id": SITE_ID, "hfid": ["paris"]},
        "tags": [{"id": "1", "hfid": ["a"]}, {"id": "2", "hfid": ["b"]}],
    }

    assert changed_fields(SHAPE, desired, current) == ["role"]


def test_a_missing_peer_in_a_many_relationship_is_a_change() -> None:
    desired = desired_state(SHAPE, {"tags": ["a", "c"]})
    current = {"tags": [{"id": "1", "hfid": ["a"]}, {"id": "2", "hfid": ["b"]}]}

    assert changed_fields(SHAPE, desired, current) == ["tags"]


def test_the_diff_shows_references_the_way_the_task_wrote_them() -> None:
    desired = desired_state(SHAPE, {"role": "core", "site": "denver"})
    current = {"role": "edge", "site": {"id": SITE_ID, "hfid": ["paris"]}}

    assert field_diff(desired, current, ["role", "site"]) == {
        "before": {"role": "edge", "site": {"hfid": ["paris"]}},
        "after": {"role": "core", "site": {"hfid": ["denver"]}},
    }
