"""Kind queries over a real store: filters, pagination, ordering, HFIDs, nested relationships."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from graphql_harness import GraphQLHarness


def _names(result: dict) -> list[str]:
    return [edge["node"]["name"]["value"] for edge in result["edges"]]


def test_device_with_attribute_and_relationships(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = """
    query GetDevice($name: String!) {
      NetDevice(name__value: $name) {
        count
        edges { node {
          id hfid display_label __typename
          name { value }
          role { value label color }
          site { node { id hfid display_label __typename } properties { is_protected } }
          platform { node { display_label } }
          primary_address { node { id } }
          interfaces(limit: 10) { count edges { node { id display_label __typename name { value } } } }
        } }
      }
    }"""
    data = gql.data(query, {"name": "atl1-leaf1"})
    assert data == {
        "NetDevice": {
            "count": 1,
            "edges": [
                {
                    "node": {
                        "id": network["atl1-leaf1"],
                        "hfid": ["atl1-leaf1"],
                        "display_label": "atl1-leaf1",
                        "__typename": "NetDevice",
                        "name": {"value": "atl1-leaf1"},
                        "role": {"value": "leaf", "label": "Leaf", "color": "#7fff7f"},
                        "site": {
                            "node": {
                                "id": network["atl1"],
                                "hfid": ["atl1"],
                                "display_label": "atl1",
                                "__typename": "NetSite",
                            },
                            "properties": {"is_protected": False},
                        },
                        "platform": {"node": {"display_label": "eos"}},
                        "primary_address": {"node": None},
                        "interfaces": {
                            "count": 2,
                            "edges": [
                                {
                                    "node": {
                                        "id": network[name],
                                        "display_label": name,
                                        "__typename": "NetInterface",
                                        "name": {"value": name},
                                    }
                                }
                                for name in ("Ethernet1", "Ethernet2")
                            ],
                        },
                    }
                }
            ],
        }
    }


def test_no_match_gives_empty_page(gql: GraphQLHarness, network: dict[str, str]) -> None:
    data = gql.data('{ NetDevice(name__value: "nope") { count edges { node { id } } } }')
    assert data == {"NetDevice": {"count": 0, "edges": []}}


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ('name__values: ["atl1-leaf2", "nyc1-spine1"]', ["atl1-leaf2", "nyc1-spine1"]),
        ('site__name__value: "atl1"', ["atl1-leaf1", "atl1-leaf2"]),
        ('site__ids: ["{atl1}"]', ["atl1-leaf1", "atl1-leaf2"]),
        ("asn__value: 65002", ["atl1-leaf2"]),
        ("asn__isnull: true", ["nyc1-spine1"]),
        ("platform__isnull: false", ["atl1-leaf1"]),
        ('name__value: "LEAF", partial_match: true', ["atl1-leaf1", "atl1-leaf2"]),
        ('role__value: "spine"', ["nyc1-spine1"]),
        ('any__value: "Core Spine"', ["nyc1-spine1"]),
        ('ids: ["{atl1-leaf2}"]', ["atl1-leaf2"]),
        ('hfid: ["nyc1-spine1"]', ["nyc1-spine1"]),
        ('display_label__values: ["atl1-leaf2", "nope"]', ["atl1-leaf2"]),
        ('site__display_label__value: "nyc1"', ["nyc1-spine1"]),
    ],
)
def test_filters(gql: GraphQLHarness, network: dict[str, str], arguments: str, expected: list[str]) -> None:
    for name, node_id in network.items():
        arguments = arguments.replace("{" + name + "}", node_id)
    result = gql.data("{ NetDevice(" + arguments + ") { count edges { node { name { value } } } } }")[
        "NetDevice"
    ]
    assert (result["count"], _names(result)) == (len(expected), expected)


def test_pagination_counts_all_and_pages_in_order(gql: GraphQLHarness, network: dict[str, str]) -> None:
    pages = [
        gql.data(
            "query Page($offset: Int) { NetDevice(offset: $offset, limit: 2) { count edges { node { name { value } } } } }",
            {"offset": offset},
        )
        for offset in (0, 2, 3, 50)
    ]
    assert [(page["NetDevice"]["count"], _names(page["NetDevice"])) for page in pages] == [
        (3, ["atl1-leaf1", "atl1-leaf2"]),
        (3, ["nyc1-spine1"]),
        (3, []),
        (3, []),
    ]


def test_order_argument(gql: GraphQLHarness, network: dict[str, str]) -> None:
    data = gql.data(
        '{ NetDevice(order: {by: [{field: "name__value", direction: DESC}]}) { edges { node { name { value } } } } }'
    )
    assert _names(data["NetDevice"]) == ["nyc1-spine1", "atl1-leaf2", "atl1-leaf1"]


def test_negative_limit_is_refused(gql: GraphQLHarness, network: dict[str, str]) -> None:
    status, body = gql.run("{ NetDevice(limit: -1) { count } }")
    assert status == 200
    assert body["data"] == {"NetDevice": None}
    assert body["errors"][0]["path"] == ["NetDevice"]
    assert body["errors"][0]["extensions"]["http_status"] == 422


def test_generic_query_returns_concrete_typenames(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = """{ NetPlace(order: {by: [{field: "name__value"}]}) { count edges { node {
        __typename display_label
        ... on NetSite { parent { node { display_label } } }
        ... on NetRegion { children { count } }
    } } } }"""
    assert gql.data(query) == {
        "NetPlace": {
            "count": 3,
            "edges": [
                {"node": {"__typename": "NetRegion", "display_label": "americas", "children": {"count": 2}}},
                {
                    "node": {
                        "__typename": "NetSite",
                        "display_label": "atl1",
                        "parent": {"node": {"display_label": "americas"}},
                    }
                },
                {
                    "node": {
                        "__typename": "NetSite",
                        "display_label": "nyc1",
                        "parent": {"node": {"display_label": "americas"}},
                    }
                },
            ],
        }
    }


def test_aliases_fragments_and_directives(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = """
    query Devices($withSite: Boolean!) {
      first: NetDevice(limit: 1) { edges { node { ...DeviceName site @include(if: $withSite) { node { display_label } } } } }
      total: NetDevice { total: count }
    }
    fragment DeviceName on NetDevice { label: name { value } }
    """
    assert gql.data(query, {"withSite": False}) == {
        "first": {"edges": [{"node": {"label": {"value": "atl1-leaf1"}}}]},
        "total": {"total": 3},
    }


def test_interface_hfid_reads_through_its_device(gql: GraphQLHarness, network: dict[str, str]) -> None:
    data = gql.data('{ NetInterface(hfid: ["atl1-leaf1", "Ethernet2"]) { edges { node { id hfid } } } }')
    assert data == {
        "NetInterface": {
            "edges": [{"node": {"id": network["Ethernet2"], "hfid": ["atl1-leaf1", "Ethernet2"]}}]
        }
    }


def test_nested_many_relationship_arguments(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = """{ NetDevice(name__value: "atl1-leaf1") { edges { node {
        second: interfaces(offset: 1) { count edges { node { name { value } } } }
        named: interfaces(name__value: "Ethernet1") { count edges { node { name { value } } } }
        none: interfaces(offset: 5) { count edges { node { id } } }
    } } } }"""
    node = gql.data(query)["NetDevice"]["edges"][0]["node"]
    assert node == {
        "second": {"count": 2, "edges": [{"node": {"name": {"value": "Ethernet2"}}}]},
        "named": {"count": 1, "edges": [{"node": {"name": {"value": "Ethernet1"}}}]},
        "none": {"count": 2, "edges": []},
    }


def test_attribute_properties_and_metadata(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = """{ NetInterface(hfid: ["atl1-leaf1", "Ethernet1"]) { edges {
        node { mtu { value is_default is_protected source { id } } enabled { value } }
        node_metadata { created_at created_by { id } }
    } } }"""
    edge = gql.data(query)["NetInterface"]["edges"][0]
    assert edge["node"] == {
        "mtu": {"value": 1500, "is_default": True, "is_protected": False, "source": None},
        "enabled": {"value": True},
    }
    assert edge["node_metadata"]["created_by"] is None
    assert edge["node_metadata"]["created_at"].endswith("Z")


def test_static_fields(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = """{
      InfrahubInfo { version deployment_id }
      InfrahubStatus { summary { schema_hash_synced } }
      Branch { name is_default status origin_branch }
      AccountProfile { id }
    }"""
    assert gql.data(query) == {
        "InfrahubInfo": {"version": "1.11.9", "deployment_id": "test-deployment"},
        "InfrahubStatus": {"summary": {"schema_hash_synced": True}},
        "Branch": [{"name": "main", "is_default": True, "status": "OPEN", "origin_branch": "main"}],
        "AccountProfile": None,
    }


def test_unknown_field_fails_validation(gql: GraphQLHarness) -> None:
    status, body = gql.run("{ NetDevice { edges { node { colour { value } } } } }")
    assert status == 200
    assert "data" not in body or body["data"] is None
    assert body["errors"][0]["message"] == "Cannot query field 'colour' on type 'NetDevice'."


def test_introspection_is_answered(gql: GraphQLHarness) -> None:
    data = gql.data('{ __type(name: "NetDevice") { name kind interfaces { name } } }')
    assert data == {
        "__type": {
            "name": "NetDevice",
            "kind": "OBJECT",
            "interfaces": [{"name": "CoreArtifactTarget"}, {"name": "CoreNode"}],
        }
    }


def test_ancestors_and_descendants(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = """{
      NetSite(name__value: "atl1") { edges { node { ancestors { count edges { node { display_label } } } } } }
      NetRegion { edges { node { descendants { count edges { node { __typename display_label } } } } } }
    }"""
    assert gql.data(query) == {
        "NetSite": {
            "edges": [
                {"node": {"ancestors": {"count": 1, "edges": [{"node": {"display_label": "americas"}}]}}}
            ]
        },
        "NetRegion": {
            "edges": [
                {
                    "node": {
                        "descendants": {
                            "count": 2,
                            "edges": [
                                {"node": {"__typename": "NetSite", "display_label": "atl1"}},
                                {"node": {"__typename": "NetSite", "display_label": "nyc1"}},
                            ],
                        }
                    }
                }
            ]
        },
    }


def test_properties_and_account_profile(gql: GraphQLHarness, network: dict[str, str]) -> None:
    admin = gql.create(
        "CoreAccount", '{name: {value: "admin"}, label: {value: "Admin"}, password: {value: "secret123"}}'
    )
    gql.data(
        "mutation Protect($id: String, $admin: String) { NetDeviceUpdate(data: {id: $id,"
        ' description: {value: "owned", source: $admin, owner: $admin, is_protected: true}}) { ok } }',
        {"id": network["atl1-leaf1"], "admin": admin},
    )
    query = """{
      NetDevice(name__value: "atl1-leaf1") { edges { node {
        description { value is_protected source { id display_label __typename } owner { __typename } }
      } } }
      AccountProfile { id display_label name { value } status { value label } }
    }"""
    data = gql.data(query, account_id=admin)
    assert data == {
        "NetDevice": {
            "edges": [
                {
                    "node": {
                        "description": {
                            "value": "owned",
                            "is_protected": True,
                            "source": {"id": admin, "display_label": "Admin", "__typename": "CoreAccount"},
                            "owner": {"__typename": "CoreAccount"},
                        }
                    }
                }
            ]
        },
        "AccountProfile": {
            "id": admin,
            "display_label": "Admin",
            "name": {"value": "admin"},
            "status": {"value": "active", "label": "Active"},
        },
    }


def test_node_metadata_filters_and_order(gql: GraphQLHarness, network: dict[str, str]) -> None:
    created = gql.data('{ NetDevice(name__value: "atl1-leaf2") { edges { node_metadata { created_at } } } }')
    stamp = created["NetDevice"]["edges"][0]["node_metadata"]["created_at"]
    after = gql.data(
        "query After($at: DateTime) { NetDevice(node_metadata__created_at__after: $at,"
        " order: {node_metadata: {created_at: DESC}}) { edges { node { name { value } } } } }",
        {"at": stamp},
    )
    assert _names(after["NetDevice"]) == ["nyc1-spine1"]
    newest_first = gql.data(
        "{ NetDevice(order: {node_metadata: {created_at: DESC}}) { edges { node { name { value } } } } }"
    )
    assert _names(newest_first["NetDevice"]) == ["nyc1-spine1", "atl1-leaf2", "atl1-leaf1"]


def test_time_travel_reads_the_snapshot(gql: GraphQLHarness, network: dict[str, str]) -> None:
    before = datetime.now(UTC)
    gql.data(
        "mutation Update($id: String) { NetDeviceUpdate(data: {id: $id, asn: {value: 65099}}) { ok } }",
        {"id": network["atl1-leaf1"]},
    )
    query = '{ NetDevice(name__value: "atl1-leaf1") { edges { node { asn { value } } } } }'
    assert gql.data(query)["NetDevice"]["edges"][0]["node"]["asn"] == {"value": 65099}
    assert gql.data(query, at=before)["NetDevice"]["edges"][0]["node"]["asn"] == {"value": 65001}


def test_string_literals_are_validated_in_every_request(gql: GraphQLHarness, network: dict[str, str]) -> None:
    # The same text with other string literals: checks that read literal values still run.
    dated = '{ NetDevice(node_metadata__created_at__after: "%s") { count } }'
    assert gql.run(dated % "2024-01-01T00:00:00Z")[1].get("errors") is None
    status, body = gql.run(dated % "not a date")
    assert status == 200
    assert body["errors"][0]["message"] == "DateTime cannot represent value: 'not a date'"

    aliased = '{ a: NetDevice(name__value: "%s") { count } a: NetDevice(name__value: "%s") { count } }'
    assert gql.run(aliased % ("atl1-edge1", "atl1-edge1"))[1].get("errors") is None
    status, body = gql.run(aliased % ("atl1-edge1", "jfk1-edge1"))
    assert "have differing arguments" in body["errors"][0]["message"]
