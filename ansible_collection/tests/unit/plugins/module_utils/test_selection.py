# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Include paths -> query text -> host variables, on a recorded response."""

from __future__ import annotations

import pytest
from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError
from ansible_collections.infrahub.lite.plugins.module_utils.selection import (
    KindSchema,
    build_fields,
    hostname_fields,
    merge_fields,
    pick_hostname,
    project,
    render_query,
)

SCHEMAS = {
    "InfraDevice": KindSchema(
        kind="InfraDevice",
        attributes=("name", "role"),
        relationships={
            "site": {"peer": "InfraSite", "cardinality": "one", "kind": "Generic"},
            "tags": {"peer": "BuiltinTag", "cardinality": "many", "kind": "Generic"},
            "interfaces": {"peer": "InfraInterface", "cardinality": "many", "kind": "Component"},
            "parent": {"peer": "InfraDevice", "cardinality": "one", "kind": "Hierarchy"},
        },
    ),
    "InfraSite": KindSchema(
        kind="InfraSite",
        attributes=("name",),
        relationships={"region": {"peer": "InfraRegion", "cardinality": "one", "kind": "Generic"}},
    ),
    "InfraRegion": KindSchema(kind="InfraRegion", attributes=("name",), relationships={}),
    "BuiltinTag": KindSchema(kind="BuiltinTag", attributes=("name", "description"), relationships={}),
    "InfraInterface": KindSchema(kind="InfraInterface", attributes=("name",), relationships={}),
}

RESPONSE_NODE = {
    "id": "d1",
    "display_label": "edge-1",
    "name": {"value": "edge-1"},
    "role": {"value": "edge"},
    "site": {
        "node": {"id": "s1", "display_label": "paris", "name": {"value": "paris"}, "region": {"node": None}}
    },
    "tags": {"edges": [{"node": {"name": {"value": "blue"}}}, {"node": {"name": {"value": "red"}}}]},
}


def test_dotted_paths_become_one_query_with_only_those_fields() -> None:
    fields = build_fields(SCHEMAS, "InfraDevice", ["name", "site.name", "site.region.name", "tags.name"])

    assert render_query("InfraDevice", fields, {"role__value": "edge", "ids": ["a", "b"]}) == (
        'query InventoryHosts_InfraDevice { InfraDevice(role__value: "edge", ids: ["a", "b"]) '
        "{ edges { node { id name { value } site { node { name { value } region { node { name { value } } } } } "
        "tags { edges { node { name { value } } } } } } } }"
    )


def test_host_vars_are_nested_dicts_and_lists() -> None:
    fields = build_fields(SCHEMAS, "InfraDevice", ["name", "site.name", "site.region.name", "tags.name"])

    assert project(RESPONSE_NODE, fields) == {
        "id": "d1",
        "name": "edge-1",
        "site": {"name": "paris", "region": None},
        "tags": [{"name": "blue"}, {"name": "red"}],
    }


def test_a_whole_relationship_reads_the_peer_attributes_only_when_prefetching() -> None:
    with_peer = build_fields(SCHEMAS, "InfraDevice", ["site"], prefetch_relationships=True)
    without_peer = build_fields(SCHEMAS, "InfraDevice", ["site"], prefetch_relationships=False)

    assert project(RESPONSE_NODE, with_peer)["site"] == {
        "id": "s1",
        "display_label": "paris",
        "name": "paris",
    }
    assert project(RESPONSE_NODE, without_peer)["site"] == {"id": "s1", "display_label": "paris"}


def test_without_include_the_sdk_defaults_are_read_minus_exclude() -> None:
    fields = build_fields(SCHEMAS, "InfraDevice", [], exclude=["role"], prefetch_relationships=False)

    assert list(fields) == ["id", "name", "site"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "site.country",
            "nodes.InfraDevice.include: 'site.country': InfraSite has no attribute or relationship 'country'",
        ),
        (
            "name.first",
            "nodes.InfraDevice.include: 'name.first': 'name' of InfraDevice is not a relationship",
        ),
    ],
)
def test_a_wrong_path_names_the_kind_and_the_field(path: str, message: str) -> None:
    with pytest.raises(InfrahubCollectionError) as error:
        build_fields(SCHEMAS, "InfraDevice", [path])

    assert str(error.value) == message


def test_hostnames_take_the_first_non_empty_path() -> None:
    fields = build_fields(SCHEMAS, "InfraDevice", ["role"])
    hostnames = ["site.region.name", "name", "display_label"]
    query_fields = merge_fields(fields, hostname_fields(SCHEMAS, "InfraDevice", hostnames))

    assert pick_hostname(RESPONSE_NODE, query_fields, ["site.region.name", "name"]) == "edge-1"
    assert pick_hostname(RESPONSE_NODE, query_fields, ["display_label"]) == "edge-1"
    assert "name" not in project(RESPONSE_NODE, fields)


def test_a_hostname_cannot_go_through_many_nodes() -> None:
    with pytest.raises(InfrahubCollectionError, match="'tags' holds many nodes"):
        hostname_fields(SCHEMAS, "InfraDevice", ["tags.name"])
