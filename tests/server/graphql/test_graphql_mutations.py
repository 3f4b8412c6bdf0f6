"""Node mutations through GraphQL (section 10 shapes), their errors, and the request guard rails."""

from __future__ import annotations

from graphql_harness import GraphQLHarness

from infrahub_server.graphql import QueryLimits


def _device_names(gql: GraphQLHarness) -> list[str]:
    data = gql.data("{ NetDevice { edges { node { name { value } } } } }")
    return [edge["node"]["name"]["value"] for edge in data["NetDevice"]["edges"]]


def test_create_returns_the_requested_object(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = """
mutation Create($description: String) {
  NetDeviceCreate(data: {
    name: {value: "atl1-leaf3"}, role: {value: "leaf"}, site: {hfid: ["atl1"]}, description: {value: $description}
  }) { ok object { id display_label description { value } site { node { display_label } } } }
}"""
    result = gql.data(query, {"description": "rack 4 — top"})["NetDeviceCreate"]
    assert result["ok"] is True
    assert result["object"]["display_label"] == "atl1-leaf3"
    assert result["object"]["description"] == {"value": "rack 4 — top"}
    assert result["object"]["site"] == {"node": {"display_label": "atl1"}}
    assert "atl1-leaf3" in _device_names(gql)


def test_duplicate_create_has_the_protocol_error_shape(gql: GraphQLHarness, network: dict[str, str]) -> None:
    query = """mutation {
  NetDeviceCreate(data: {name: {value: "atl1-leaf1"}, role: {value: "leaf"}, site: {hfid: ["atl1"]}}) { ok object { id } }
}"""
    status, body = gql.run(query)
    assert status == 200
    assert body == {
        "data": {"NetDeviceCreate": None},
        "errors": [
            {
                "message": "Violates uniqueness constraint 'name'",
                "locations": [{"line": 2, "column": 3}],
                "path": ["NetDeviceCreate"],
                "extensions": {"code": "UNDEFINED_ERROR", "http_status": 422, "data": {}},
            }
        ],
    }


def test_missing_mandatory_attribute(gql: GraphQLHarness, network: dict[str, str]) -> None:
    status, body = gql.run(
        'mutation { NetDeviceCreate(data: {role: {value: "leaf"}, site: {hfid: ["atl1"]}}) { ok } }'
    )
    assert status == 200
    error = body["errors"][0]
    assert error["extensions"]["code"] == "ATTRIBUTE_REQUIRED"
    assert error["extensions"]["data"]["node_kind"] == "NetDevice"
    assert error["extensions"]["data"]["field_name"] == "name"


def test_update_upsert_and_delete(gql: GraphQLHarness, network: dict[str, str]) -> None:
    device = network["atl1-leaf2"]
    updated = gql.data(
        "mutation Update($id: String) {"
        " NetDeviceUpdate(data: {id: $id, asn: {value: 65100}}) { ok object { id asn { value } } } }",
        {"id": device},
    )
    assert updated == {"NetDeviceUpdate": {"ok": True, "object": {"id": device, "asn": {"value": 65100}}}}

    upserted = gql.data(
        'mutation { NetDeviceUpsert(data: {name: {value: "atl1-leaf2"}, role: {value: "leaf"}, '
        'site: {hfid: ["atl1"]}, asn: {value: 65200}}) { ok object { id asn { value } } } }'
    )
    assert upserted == {"NetDeviceUpsert": {"ok": True, "object": {"id": device, "asn": {"value": 65200}}}}

    deleted = gql.data(
        "mutation Delete($id: String) { NetDeviceDelete(data: {id: $id}) { ok } }", {"id": device}
    )
    assert deleted == {"NetDeviceDelete": {"ok": True}}
    assert _device_names(gql) == ["atl1-leaf1", "nyc1-spine1"]


def test_relationship_add_and_remove(gql: GraphQLHarness, network: dict[str, str]) -> None:
    group = gql.create("CoreStandardGroup", '{name: {value: "leaves"}}')
    members = '{ NetDevice(member_of_groups__name__value: "leaves") { count } }'
    change = (
        "mutation Change($id: String, $group: String) {"
        ' %s(data: {id: $id, name: "member_of_groups", nodes: [{id: $group}]}) { ok } }'
    )
    for device in ("atl1-leaf1", "atl1-leaf2"):
        added = gql.data(change.replace("%s", "RelationshipAdd"), {"id": network[device], "group": group})
        assert added == {"RelationshipAdd": {"ok": True}}
    assert gql.data(members) == {"NetDevice": {"count": 2}}
    gql.data(change.replace("%s", "RelationshipRemove"), {"id": network["atl1-leaf1"], "group": group})
    assert gql.data(members) == {"NetDevice": {"count": 1}}
    group_view = gql.data(
        "{ CoreStandardGroup { edges { node { members { count edges { node { __typename display_label } } } } } } }"
    )
    assert group_view["CoreStandardGroup"]["edges"][0]["node"]["members"] == {
        "count": 1,
        "edges": [{"node": {"__typename": "NetDevice", "display_label": "atl1-leaf2"}}],
    }


def test_mutation_without_write_access_is_refused(gql: GraphQLHarness, network: dict[str, str]) -> None:
    status, body = gql.run(
        'mutation { NetPlatformCreate(data: {name: {value: "junos"}}) { ok } }', allow_writes=False
    )
    assert status == 401
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "AUTHENTICATION_REQUIRED"
    assert gql.data("{ NetPlatform { count } }") == {"NetPlatform": {"count": 1}}


def test_depth_and_size_limits(gql: GraphQLHarness, network: dict[str, str]) -> None:
    deep = "{ NetDevice { edges { node { site { node { name { value } } } } } } }"
    status, body = gql.run(deep, limits=QueryLimits(max_depth=5))
    assert status == 200
    assert body == {
        "data": None,
        "errors": [{"message": "The query is nested 7 levels deep; the limit is 5"}],
    }
    status, body = gql.run(deep, limits=QueryLimits(max_fields=4))
    assert body == {"data": None, "errors": [{"message": "The query selects 7 fields; the limit is 4"}]}
    assert gql.data(deep)["NetDevice"]["edges"][0]["node"]["site"]["node"]["name"] == {"value": "atl1"}
