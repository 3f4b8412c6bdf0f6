"""The GraphQL documents the SDK sends, against the texts captured from infrahub-sdk 1.23.2.

The captured texts (infrahub-clients.md 2.3-2.5) have shortened indentation, so both sides are
compared with whitespace collapsed; one test pins the exact layout as well.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from infrahub_sdk import InfrahubClient, InfrahubClientSync
from infrahub_sdk._branch_data import BRANCH_FIELDS
from infrahub_sdk.graphql import Mutation, Query
from infrahub_sdk.node import InfrahubNode, InfrahubNodeSync
from infrahub_sdk.types import Order


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def client(schema_body: dict[str, Any]) -> InfrahubClient:
    client = InfrahubClient(address="http://infrahub.test")
    client.schema.set_cache(schema_body)
    return client


async def device_query(client: InfrahubClient, name: str, **options: Any) -> str:
    schema = await client.schema.get("InfraDevice")
    data = await InfrahubNode(client=client, schema=schema).generate_query_data(
        offset="$offset", limit="$limit", **options
    )
    return Query(query=data, name=name, variables={"offset": int, "limit": int}).render()


async def test_get_query_matches_the_official_text(client: InfrahubClient) -> None:
    captured = """
    query Get_InfraDevice ($offset: Int!, $limit: Int!) {
      InfraDevice(name__value: "dev1", offset: $offset, limit: $limit) {
        count
        edges { node {
          id  hfid  display_label  __typename
          name { value }  description { value }  asn { value }
          site { node { id hfid display_label __typename } }
        } }
      }
    }"""
    query = await device_query(client, "Get_InfraDevice", filters={"name__value": "dev1"})
    assert flat(query) == flat(captured)


async def test_all_query_has_no_filter_arguments_and_exact_layout(client: InfrahubClient) -> None:
    query = await device_query(client, "All_InfraDevice", include=None)
    assert query.startswith(
        "\nquery All_InfraDevice ($offset: Int!, $limit: Int!) {\n"
        "    InfraDevice(offset: $offset, limit: $limit) {\n"
        "        count\n"
        "        edges {\n"
        "            node {\n"
        "                id\n"
    )
    assert query.endswith("            }\n        }\n    }\n}\n")


async def test_include_adds_the_many_relationship_with_peer_fields(client: InfrahubClient) -> None:
    query = flat(await device_query(client, "Get_InfraDevice", include=["tags"]))
    assert "tags { edges { node { id hfid display_label __typename name { value } } } }" in query
    assert "site { node { id hfid display_label __typename } }" in query


async def test_prefetch_inlines_the_peer_attributes(client: InfrahubClient) -> None:
    query = flat(await device_query(client, "Get_InfraDevice", prefetch_relationships=True))
    assert "site { node { id hfid display_label __typename name { value } } }" in query


async def test_filter_literals(client: InfrahubClient) -> None:
    query = flat(
        await device_query(
            client,
            "Filters_InfraDevice",
            filters={"ids": ["a", "b"], "hfid": ["dev1"], "site__name__value": 'si"te'},
            partial_match=True,
            order=Order(disable=True),
        )
    )
    assert (
        'InfraDevice(ids: ["a", "b"], hfid: ["dev1"], site__name__value: "si\\"te", '
        "order: { disable: true }, offset: $offset, limit: $limit, partial_match: true)"
    ) in query


def test_count_query() -> None:
    query = Query(
        query={
            "InfraDevice": {"count": None, "@filters": {"name__values": ["a", "b"], "partial_match": True}}
        },
        name="Count_InfraDevice",
    ).render()
    assert flat(query) == flat(
        'query Count_InfraDevice { InfraDevice(name__values: ["a", "b"], partial_match: true) { count } }'
    )


async def test_create_binds_unsafe_strings_as_variables(client: InfrahubClient) -> None:
    node = await client.create(kind="InfraDevice", name="dev9", site="s1", description="a b! c")
    input_data = node._generate_input_data(exclude_hfid=True)
    (variable,) = input_data["variables"]
    assert re.fullmatch("value_[0-9a-f]{32}", variable)
    assert input_data["variables"] == {variable: "a b! c"}
    captured = f"""
    mutation (${variable}: String!) {{
      InfraDeviceCreate(
        data: {{
          name: {{ value: "dev9" }}
          description: {{ value: ${variable} }}
          site: {{ id: "s1" }}
        }}
      ){{ ok object {{ id }} }}
    }}"""
    assert flat(node._mutation("Create", input_data).render()) == flat(captured)


async def test_upsert_uses_the_same_body(client: InfrahubClient) -> None:
    node = await client.create(kind="InfraDevice", name="dev9")
    rendered = flat(node._mutation("Upsert", node._generate_input_data(exclude_hfid=True)).render())
    assert rendered == flat(
        'mutation { InfraDeviceUpsert( data: { name: { value: "dev9" } } ){ ok object { id } } }'
    )


def loaded_device(client: InfrahubClient, **fields: Any) -> InfrahubNode:
    schema = client.schema.cache["main"].nodes["InfraDevice"]
    data = {
        "id": "d1",
        "__typename": "InfraDevice",
        "name": {"value": "dev1"},
        "description": {"value": "old"},
        "asn": {"value": 65000},
        "site": {"node": {"id": "s1", "__typename": "InfraSite"}},
        **fields,
    }
    return InfrahubNode(client=client, schema=schema, data=data)


def test_update_sends_only_the_changed_fields(client: InfrahubClient) -> None:
    node = loaded_device(client)
    node.description.value = "new desc"
    rendered = node._mutation("Update", node._generate_input_data(exclude_unmodified=True)).render()
    assert flat(rendered) == flat(
        'mutation { InfraDeviceUpdate( data: { description: { value: "new desc" } id: "d1" } ){ ok object { id } } }'
    )


def test_update_of_many_relationship_sends_the_whole_list_with_trailing_commas(
    client: InfrahubClient,
) -> None:
    node = loaded_device(client, tags={"edges": [{"node": {"id": "tag-0", "__typename": "BuiltinTag"}}]})
    node.tags.add("tag-1")
    node.tags.add(["red"])
    rendered = node._mutation("Update", node._generate_input_data(exclude_unmodified=True)).render()
    assert 'tags: [ { id: "tag-0" }, { id: "tag-1" }, { hfid: [ "red", ] }, ]' in flat(rendered)


def test_reassigning_the_same_peer_sends_nothing_and_a_new_one_sends_its_id(client: InfrahubClient) -> None:
    node = loaded_device(client)
    node.site = "s1"
    assert node._generate_input_data(exclude_unmodified=True)["data"]["data"] == {"id": "d1"}
    node.site = "s2"
    assert node._generate_input_data(exclude_unmodified=True)["data"]["data"] == {
        "site": {"id": "s2"},
        "id": "d1",
    }


def test_clearing_an_optional_peer_sends_null(client: InfrahubClient) -> None:
    node = loaded_device(client)
    node.site = None
    assert node._generate_input_data(exclude_unmodified=True)["data"]["data"] == {"site": None, "id": "d1"}


def test_delete_and_relationship_add(client: InfrahubClient) -> None:
    node = loaded_device(client)
    assert flat(node._delete_mutation().render()) == flat(
        'mutation { InfraDeviceDelete( data: { id: "d1" } ){ ok } }'
    )
    assert flat(node._relationship_mutation("Add", "tags", ["t3"])) == flat(
        'mutation { RelationshipAdd( data: { id: "d1", name: "tags", nodes: [{ id: "t3" }] } ) { ok } }'
    )


def test_sync_nodes_render_the_same_documents(schema_body: dict[str, Any]) -> None:
    client = InfrahubClientSync(address="http://infrahub.test")
    client.schema.set_cache(schema_body)
    node = client.create(kind="InfraDevice", name="dev9", site="s1")
    assert isinstance(node, InfrahubNodeSync)
    rendered = flat(node._mutation("Create", node._generate_input_data(exclude_hfid=True)).render())
    assert rendered == flat(
        'mutation { InfraDeviceCreate( data: { name: { value: "dev9" } site: { id: "s1" } } ){ ok object { id } } }'
    )


BRANCH_SELECTION = "id name description origin_branch branched_from is_default sync_with_git has_schema_changes graph_version status"


def test_branch_create_mutation() -> None:
    mutation = Mutation(
        mutation="BranchCreate",
        input_data={
            "wait_until_completion": True,
            "data": {"name": "feat", "description": "x", "sync_with_git": False},
        },
        query={"ok": None, "object": BRANCH_FIELDS},
    )
    assert flat(mutation.render()) == flat(
        f"""mutation {{ BranchCreate( wait_until_completion: true
        data: {{ name: "feat" description: "x" sync_with_git: false }}
        ){{ ok object {{ {BRANCH_SELECTION} }} }} }}"""
    )


def test_branch_queries() -> None:
    assert flat(Query(name="GetAllBranch", query={"Branch": BRANCH_FIELDS}).render()) == flat(
        f"query GetAllBranch {{ Branch {{ {BRANCH_SELECTION} }} }}"
    )
    one = Query(
        name="GetBranch",
        query={"Branch": {**BRANCH_FIELDS, "@filters": {"name": "$branch_name"}}},
        variables={"branch_name": str},
    )
    assert flat(one.render()) == flat(
        f"query GetBranch ($branch_name: String!) {{ Branch(name: $branch_name) {{ {BRANCH_SELECTION} }} }}"
    )


async def test_include_metadata_adds_node_and_relationship_metadata(client: InfrahubClient) -> None:
    query = flat(await device_query(client, "All_InfraDevice", include_metadata=True))
    account = "{ id __typename display_label }"
    assert f"node_metadata {{ created_at created_by {account} updated_at updated_by {account} }}" in query
    assert "name { value updated_at updated_by { id display_label __typename } }" in query
    assert f"relationship_metadata {{ updated_at updated_by {account} }}" in query


async def test_property_adds_attribute_and_relationship_properties(client: InfrahubClient) -> None:
    query = flat(await device_query(client, "All_InfraDevice", property=True))
    source = "source { id display_label __typename } owner { id display_label __typename }"
    assert f"name {{ value is_default is_from_profile is_protected updated_at {source} }}" in query
    assert f"properties {{ is_protected updated_at {source} }}" in query


def test_request_context_goes_next_to_data(client: InfrahubClient) -> None:
    from infrahub_sdk.context import ContextAccount, RequestContext

    node = loaded_device(client)
    node.asn.value = 65001
    context = RequestContext(account=ContextAccount(id="acc-1"))
    input_data = node._generate_input_data(exclude_unmodified=True, request_context=context)
    assert flat(node._mutation("Update", input_data).render()) == flat(
        'mutation { InfraDeviceUpdate( data: { asn: { value: 65001 } id: "d1" } '
        'context: { account: { id: "acc-1" } } ){ ok object { id } } }'
    )


HIERARCHY_SCHEMA: dict[str, Any] = {
    "nodes": [
        {
            "name": "Location",
            "namespace": "Infra",
            "hierarchy": "InfraLocation",
            "attributes": [{"name": "name", "kind": "Text"}],
            "relationships": [
                {"name": "parent", "peer": "InfraLocation", "cardinality": "one", "kind": "Hierarchy"},
                {"name": "children", "peer": "InfraLocation", "cardinality": "many", "kind": "Hierarchy"},
            ],
        }
    ]
}


async def test_hierarchy_peers_are_queried_through_a_fragment() -> None:
    client = InfrahubClient(address="http://infrahub.test")
    client.schema.set_cache(HIERARCHY_SCHEMA)
    schema = await client.schema.get("InfraLocation")
    node = InfrahubNode(client=client, schema=schema)
    fields = await node.generate_query_data_node(include=["ancestors"])
    peer = "id hfid display_label __typename"
    assert flat(Query(query={"x": fields}).render()) == flat(
        f"query {{ x {{ name {{ value }} parent {{ node {{ ...on InfraLocation {{ {peer} }} }} }} "
        f"ancestors {{ edges {{ node {{ ...on InfraLocation {{ {peer} name {{ value }} }} }} }} }} }} }}"
    )


async def test_ip_values_are_parsed_and_sent_with_their_prefix_length() -> None:
    client = InfrahubClient(address="http://infrahub.test")
    client.schema.set_cache(
        {
            "nodes": [
                {
                    "name": "Address",
                    "namespace": "Ipam",
                    "attributes": [
                        {"name": "address", "kind": "IPHost"},
                        {"name": "network", "kind": "IPNetwork", "optional": True},
                    ],
                }
            ]
        }
    )
    schema = await client.schema.get("IpamAddress")
    node = InfrahubNode(
        client=client, schema=schema, data={"address": "10.0.0.1/24", "network": "10.0.0.0/24"}
    )
    assert str(node.address.value.ip) == "10.0.0.1"
    assert node._generate_input_data()["data"]["data"] == {
        "address": {"value": "10.0.0.1/24"},
        "network": {"value": "10.0.0.0/24"},
    }
