"""The network schema as the server processes it; the queries and object files against it."""

from __future__ import annotations

from typing import Any

import graphql
import pytest
from generators_repository import REPOSITORY, read_yaml, read_yaml_documents

from infrahub_server.schema import core_schema, load_schema_files
from infrahub_server.schema.models import SchemaBranch

NETWORK_KINDS = [
    "IpamIPAddress",
    "IpamIPPrefix",
    "NetBGPSession",
    "NetCable",
    "NetConfigCompliance",
    "NetDevice",
    "NetDeviceRole",
    "NetFabricDesign",
    "NetInterface",
    "NetPlace",
    "NetPlatform",
    "NetRegion",
    "NetSite",
]


def test_the_server_accepts_it_without_warnings(repository_config: dict[str, Any]) -> None:
    files = [read_yaml(REPOSITORY / path) for path in repository_config["schemas"]]
    result = load_schema_files(core_schema(), files)
    assert sorted(result.diff["added"]) == NETWORK_KINDS
    assert result.diff["changed"] == {}
    assert result.warnings == []


def test_what_the_generator_upserts_has_a_human_friendly_id(network_schema: SchemaBranch) -> None:
    hfids = {
        kind: network_schema.get(kind).human_friendly_id
        for kind in (
            "NetDevice",
            "NetInterface",
            "NetCable",
            "NetBGPSession",
            "IpamIPAddress",
            "IpamIPPrefix",
        )
    }
    assert hfids == {
        "NetDevice": ["name__value"],
        "NetInterface": ["device__name__value", "name__value"],
        "NetCable": ["name__value"],
        "NetBGPSession": ["device__name__value", "name__value"],
        "IpamIPAddress": ["address__value"],
        "IpamIPPrefix": ["prefix__value"],
    }


def test_devices_and_designs_can_carry_artifacts(network_schema: SchemaBranch) -> None:
    for kind in ("NetDevice", "NetFabricDesign"):
        assert "CoreArtifactTarget" in network_schema.get(kind).inherit_from
        assert network_schema.get(kind).get_relationship("artifacts") is not None


def test_sites_sit_under_regions(network_schema: SchemaBranch) -> None:
    site = network_schema.get("NetSite")
    assert (site.hierarchy, site.parent, site.children) == ("NetPlace", "NetRegion", "")


@pytest.fixture(scope="module")
def graphql_schema(network_schema: SchemaBranch) -> graphql.GraphQLSchema:
    from infrahub_server.graphql import build_graphql_schema

    return build_graphql_schema(network_schema)


@pytest.mark.parametrize("query", sorted(path.name for path in (REPOSITORY / "queries").glob("*.gql")))
def test_queries_are_valid_against_the_generated_graphql_schema(
    graphql_schema: graphql.GraphQLSchema, query: str
) -> None:
    errors = graphql.validate(graphql_schema, graphql.parse((REPOSITORY / "queries" / query).read_text()))
    assert [error.message for error in errors] == []


def _object_documents(repository_config: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        document
        for path in repository_config["objects"]
        for document in read_yaml_documents(REPOSITORY / path)
    ]


def test_object_files_use_known_kinds_and_fields(
    repository_config: dict[str, Any], network_schema: SchemaBranch
) -> None:
    for document in _object_documents(repository_config):
        assert document["apiVersion"] == "infrahub.app/v1"
        assert document["kind"] == "Object"
        kind = network_schema.get(document["spec"]["kind"])
        fields = {attr.name for attr in kind.attributes} | {rel.name for rel in kind.relationships}
        for item in document["spec"]["data"]:
            assert set(item) <= fields, f"{kind.kind}: {set(item) - fields}"
            mandatory = {
                attr.name for attr in kind.attributes if not attr.optional and attr.default_value is None
            }
            assert mandatory <= set(item), f"{kind.kind} {item.get('name')}: missing {mandatory - set(item)}"


def test_object_references_point_to_objects_defined_earlier(
    repository_config: dict[str, Any], network_schema: SchemaBranch
) -> None:
    defined: dict[str, set[str]] = {}
    for document in _object_documents(repository_config):
        kind = network_schema.get(document["spec"]["kind"])
        for item in document["spec"]["data"]:
            for rel in kind.relationships:
                if rel.name not in item:
                    continue
                references = item[rel.name] if rel.cardinality == "many" else [item[rel.name]]
                peers = {
                    name
                    for peer_kind, names in defined.items()
                    if _is_a(network_schema, peer_kind, rel.peer)
                    for name in names
                }
                assert set(references) <= peers, f"{kind.kind} {item['name']}.{rel.name}: {references}"
            defined.setdefault(kind.kind, set()).add(item["name"])
    assert defined["NetFabricDesign"] == {"dc1"}


def _is_a(schema: SchemaBranch, kind: str, peer: str) -> bool:
    return kind == peer or peer in schema.get(kind).inherit_from
