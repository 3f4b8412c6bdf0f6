"""The query sent per host kind: exactly the fields the mappings need, nested for multi-hop and many paths."""

from __future__ import annotations

import re

import pytest
from graphql import GraphQLSchema, parse, validate

from nornir_plugin._cache import branch_identity_query
from nornir_plugin._options import HostKind
from nornir_plugin._paths import SchemaLookup
from nornir_plugin._plan import plan_host_kind
from nornir_plugin._query import render_value


def plan_query(schema_of: SchemaLookup, **options: object) -> str:
    return plan_host_kind("host_node", HostKind(kind="NetDevice", **options), schema_of).query  # type: ignore[arg-type]


def test_official_options_ask_for_the_mapped_fields_only(schema_of: SchemaLookup) -> None:
    query = plan_query(
        schema_of,
        schema_mappings={"hostname": "primary_address.address", "platform": "platform.nornir_platform"},
        group_mappings=("site.name",),
    )
    assert query == (
        "query NornirInventory_NetDevice {\n"
        "  NetDevice {\n"
        "    edges {\n"
        "      node {\n"
        "        id\n"
        "        __typename\n"
        "        name { value }\n"
        "        primary_address {\n"
        "          node {\n"
        "            address { value }\n"
        "          }\n"
        "        }\n"
        "        platform {\n"
        "          node {\n"
        "            nornir_platform { value }\n"
        "          }\n"
        "        }\n"
        "        site {\n"
        "          node {\n"
        "            name { value }\n"
        "          }\n"
        "        }\n"
        "        member_of_groups {\n"
        "          edges {\n"
        "            node {\n"
        "              __typename\n"
        "              name { value }\n"
        "            }\n"
        "          }\n"
        "        }\n"
        "      }\n"
        "    }\n"
        "  }\n"
        "}\n"
    )


def test_multi_hop_and_many_paths_nest_and_share_selections(schema_of: SchemaLookup) -> None:
    query = plan_query(
        schema_of,
        schema_mappings={"name": "name", "port": "asn"},
        group_mappings=("site.name", "site.parent.name"),
        data_mappings={"interfaces": "interfaces.name", "site_id": "site.id", "peers": "site.children.name"},
        filters={"role__value": "spine", "name__values": ["a", "b"]},
    )
    assert query == (
        "query NornirInventory_NetDevice {\n"
        '  NetDevice(role__value: "spine", name__values: ["a", "b"]) {\n'
        "    edges {\n"
        "      node {\n"
        "        id\n"
        "        __typename\n"
        "        name { value }\n"
        "        asn { value }\n"
        "        site {\n"
        "          node {\n"
        "            name { value }\n"
        "            parent {\n"
        "              node {\n"
        "                name { value }\n"
        "              }\n"
        "            }\n"
        "            id\n"
        "            children {\n"
        "              edges {\n"
        "                node {\n"
        "                  name { value }\n"
        "                }\n"
        "              }\n"
        "            }\n"
        "          }\n"
        "        }\n"
        "        interfaces {\n"
        "          edges {\n"
        "            node {\n"
        "              name { value }\n"
        "            }\n"
        "          }\n"
        "        }\n"
        "        member_of_groups {\n"
        "          edges {\n"
        "            node {\n"
        "              __typename\n"
        "              name { value }\n"
        "            }\n"
        "          }\n"
        "        }\n"
        "      }\n"
        "    }\n"
        "  }\n"
        "}\n"
    )


def test_kinds_without_groups_do_not_ask_for_memberships(schema_of: SchemaLookup) -> None:
    plan = plan_host_kind("host_node", HostKind(kind="CoreGroup"), schema_of)
    assert "member_of_groups" not in plan.query
    assert plan.schema_hashes == {"CoreGroup": "<normalised:hash>"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"schema_mappings": {"hostname": "primary_address"}},
            "host_node schema_mappings 'primary_address': ends at the relationship 'primary_address' of NetDevice",
        ),
        (
            {"group_mappings": ("site.region.name",)},
            "host_node group_mappings 'site.region.name': 'region' is neither an attribute nor a relationship of NetSite",
        ),
        (
            {"data_mappings": {"x": "name.value"}},
            "host_node data_mappings 'name.value': 'name' is an attribute of NetDevice, nothing can follow it",
        ),
        (
            {"schema_mappings": {"hostname": "interfaces.name"}},
            "host_node schema_mappings 'interfaces.name': goes through a many-relationship, but host field 'hostname'",
        ),
    ],
)
def test_paths_that_do_not_fit_the_schema_are_refused(
    schema_of: SchemaLookup, options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        plan_query(schema_of, **options)


def test_a_kind_without_a_name_needs_a_name_mapping(schema_of: SchemaLookup) -> None:
    with pytest.raises(ValueError, match="host_node: NetAddress has no 'name' attribute"):
        plan_host_kind("host_node", HostKind(kind="NetAddress"), schema_of)
    plan = plan_host_kind(
        "host_node", HostKind(kind="NetAddress", schema_mappings={"name": "address"}), schema_of
    )
    assert "address { value }" in plan.query


def test_filter_values_render_as_graphql_literals() -> None:
    assert (
        render_value({"a": [1, 2.5, True, None], "b": 'say "hi"\n'})
        == '{a: [1, 2.5, true, null], b: "say \\"hi\\"\\n"}'
    )


def test_queries_are_valid_against_infrahubs_own_graphql_schema(
    schema_of: SchemaLookup, infrahub_graphql_schema: GraphQLSchema
) -> None:
    query = plan_query(
        schema_of,
        schema_mappings={"hostname": "primary_address.address", "platform": "platform.nornir_platform"},
        group_mappings=("site.parent.name", "interfaces.name", "role"),
        data_mappings={"site_id": "site.id", "hfid": "hfid", "peers": "site.children.display_label"},
        filters={"role__value": "spine", "name__values": ["a"], "partial_match": True},
    )
    assert validate(infrahub_graphql_schema, parse(query)) == []
    assert validate(infrahub_graphql_schema, parse(branch_identity_query("main"))) == []
