"""The read-side models parse what Infrahub 1.11.9 itself serves on `GET /api/schema` (golden file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infrahub_sdk import InfrahubClient
from infrahub_sdk.graphql import Query
from infrahub_sdk.node import InfrahubNode
from infrahub_sdk.schema import (
    BranchSchema,
    GenericSchemaAPI,
    NodeSchema,
    NodeSchemaAPI,
    ProfileSchemaAPI,
    RelationshipCardinality,
    RelationshipKind,
    SchemaLoadResponse,
    SchemaRoot,
)


@pytest.fixture
def api_schema(golden_dir: Path) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((golden_dir / "network.api-schema.json").read_text())
    return body


def test_every_kind_is_parsed_with_its_read_model(api_schema: dict[str, Any]) -> None:
    branch = BranchSchema.from_api_response(api_schema)
    assert branch.hash == api_schema["main"]
    expected = {
        item["namespace"] + item["name"]
        for key in ("nodes", "generics", "profiles")
        for item in api_schema[key]
    }
    assert set(branch.nodes) == expected
    assert isinstance(branch.nodes["NetDevice"], NodeSchemaAPI)
    assert isinstance(branch.nodes["NetPlace"], GenericSchemaAPI)
    assert isinstance(branch.nodes["ProfileNetDevice"], ProfileSchemaAPI)


def test_what_the_clients_read_from_a_kind(api_schema: dict[str, Any]) -> None:
    nodes = BranchSchema.from_api_response(api_schema).nodes
    device = nodes["NetDevice"]
    assert isinstance(device, NodeSchemaAPI)
    assert device.human_friendly_id == ["name__value"]
    assert device.supports_artifacts
    groups = device.get_relationship("member_of_groups")
    assert (groups.peer, groups.kind, groups.cardinality) == (
        "CoreGroup",
        RelationshipKind.GROUP,
        RelationshipCardinality.MANY,
    )
    site = nodes["NetSite"]
    assert isinstance(site, NodeSchemaAPI)
    assert site.supports_hierarchy
    assert site.get_relationship("parent").kind == RelationshipKind.HIERARCHY
    place = nodes["NetPlace"]
    assert isinstance(place, GenericSchemaAPI)
    assert sorted(place.used_by) == ["NetRegion", "NetSite"]


async def test_default_device_query_on_the_real_schema(api_schema: dict[str, Any]) -> None:
    client = InfrahubClient(address="http://infrahub.test")
    client.schema.set_cache(api_schema)
    schema = await client.schema.get("NetDevice")
    data = await InfrahubNode(client=client, schema=schema).generate_query_data(filters={"name__value": "r1"})
    query = " ".join(Query(query=data, name="Get_NetDevice").render().split())
    peer = "{ node { id hfid display_label __typename } }"
    assert f"site {peer} platform {peer}" in query
    assert f"primary_address {peer}" in query
    for many in ("interfaces", "artifacts", "member_of_groups", "profiles"):
        assert f" {many} " not in query


async def test_hierarchical_parent_is_read_through_a_fragment(api_schema: dict[str, Any]) -> None:
    client = InfrahubClient(address="http://infrahub.test")
    client.schema.set_cache(api_schema)
    schema = await client.schema.get("NetSite")
    fields = await InfrahubNode(client=client, schema=schema).generate_query_data_node()
    assert fields["parent"] == {
        "node": {"...on NetRegion": {"id": None, "hfid": None, "display_label": None, "__typename": None}}
    }


def test_write_models_round_trip_a_schema_file() -> None:
    root = SchemaRoot(
        version="1.0",
        nodes=[NodeSchema(name="Device", namespace="Infra", attributes=[{"name": "name", "kind": "Text"}])],
    )
    assert root.to_schema_dict() == {
        "version": "1.0",
        "nodes": [{"name": "Device", "namespace": "Infra", "attributes": [{"name": "name", "kind": "Text"}]}],
    }
    assert root.nodes[0].convert_api().kind == "InfraDevice"


def test_schema_updated_needs_two_different_hashes() -> None:
    assert SchemaLoadResponse(hash="a", previous_hash="b").schema_updated
    assert not SchemaLoadResponse(hash="a", previous_hash="a").schema_updated
    assert not SchemaLoadResponse(hash="a", previous_hash="").schema_updated


def test_export_of_the_golden_schema_loads_back_as_a_schema_file(
    api_schema: dict[str, Any], golden_dir: Path
) -> None:
    import yaml

    from infrahub_sdk.schema.export import build_export

    source = yaml.safe_load((golden_dir / "network-schema.yml").read_text())
    net = build_export(dict(BranchSchema.from_api_response(api_schema).nodes), namespaces=["Net"]).namespaces[
        "Net"
    ]
    root = SchemaRoot(version="1.0", generics=net.generics, nodes=net.nodes)

    def kinds(items: list[Any]) -> set[str]:
        return {item["namespace"] + item["name"] for item in items}

    assert kinds(net.generics) == kinds(source.get("generics", []))
    assert kinds(net.nodes) == kinds(source["nodes"])
    place = next(item for item in net.generics if item["name"] == "Place")
    assert place["hierarchical"] is True
    assert "relationships" not in place
    site = next(item for item in root.nodes if item.name == "Site")
    assert site.attributes == []
    for item in net.nodes + net.generics:
        for relationship in item.get("relationships", []):
            assert relationship["kind"] not in {"Group", "Profile", "Hierarchy"}
        source_item = next(
            s for s in source.get("nodes", []) + source.get("generics", []) if s["name"] == item["name"]
        )
        assert [a["name"] for a in item.get("attributes", [])] == [
            a["name"] for a in source_item.get("attributes", [])
        ]
