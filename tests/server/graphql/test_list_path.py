"""The compiled list path against the resolver it stands in for.

`GraphQLHarness` runs every read of the suite on both paths and asserts the same answer; these tests
add the shapes the compiled path is built for (inventory queries of Nornir and Ansible, generic
peers, branches, time travel, aliases and fragments) and check which selections it covers.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from graphql import OperationDefinitionNode, parse
from graphql.language import FragmentDefinitionNode
from graphql_harness import GraphQLHarness

from infrahub_server.graphql.list_path import ListPath
from infrahub_server.graphql.schema_builder import graphql_schema_for
from infrahub_server.graphql.selection import Request
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Snapshot, Store

INVENTORY = """
query NornirInventory_NetDevice {
  NetDevice {
    count
    edges {
      __typename
      node {
        id
        __typename
        hfid
        display_label
        name { value }
        role { value label color __typename }
        asn { value }
        primary_address { node { id __typename address { value ip prefixlen } } }
        platform { node { id __typename nornir_platform { value } } }
        site { node { id __typename name { value } parent { node { name { value } } } } }
        interfaces { count edges { node { id __typename name { value } mtu { value } } } }
        member_of_groups { count edges { node { __typename display_label name { value } } } }
      }
    }
  }
}
"""


@pytest.fixture
def inventory(gql: GraphQLHarness, network: dict[str, str]) -> dict[str, str]:
    """The network plus an address on one device and a group holding two devices."""
    ids = dict(network)
    ids["address"] = gql.create("NetAddress", '{address: {value: "10.0.0.1/24"}}')
    gql.data(
        'mutation($id: String) { NetDeviceUpdate(data: {id: $id, primary_address: {hfid: ["10.0.0.1/24"]}}) { ok } }',
        {"id": ids["atl1-leaf1"]},
    )
    members = f'[{{id: "{ids["atl1-leaf1"]}"}}, {{id: "{ids["nyc1-spine1"]}"}}]'
    ids["group"] = gql.create("CoreStandardGroup", f'{{name: {{value: "core"}}, members: {members}}}')
    return ids


def _covers(store: Store, schema: SchemaBranch, query: str, kind: str) -> bool:
    """Whether the compiled path answers the `edges` of `kind` in `query` (None means it hands over)."""
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    request = Request(graphql_schema_for(schema), fragments, {})
    root = request.collect(operation.selection_set, "Query")[kind]
    edges = request.sub_fields(root, f"Paginated{kind}")["edges"]
    with store.reader(Snapshot("main")) as reader:
        ids = reader.find_node_ids([kind])
        return ListPath(request, schema, reader).edges([kind], ids, edges, f"Edged{kind}") is not None


def test_inventory_query_is_compiled_and_answers_as_the_resolver(
    gql: GraphQLHarness, store: Store, network_schema: SchemaBranch, inventory: dict[str, str]
) -> None:
    assert _covers(store, network_schema, INVENTORY, "NetDevice")
    result = gql.data(INVENTORY)["NetDevice"]
    assert result["count"] == 3
    by_name = {edge["node"]["name"]["value"]: edge["node"] for edge in result["edges"]}
    leaf1 = by_name["atl1-leaf1"]
    assert leaf1["hfid"] == ["atl1-leaf1"]
    assert leaf1["role"] == {
        "value": "leaf",
        "label": "Leaf",
        "color": leaf1["role"]["color"],
        "__typename": "Dropdown",
    }
    assert leaf1["primary_address"]["node"]["address"] == {
        "value": "10.0.0.1/24",
        "ip": "10.0.0.1",
        "prefixlen": 24,
    }
    assert leaf1["platform"]["node"]["nornir_platform"] == {"value": "arista_eos"}
    assert leaf1["site"]["node"]["parent"] == {"node": {"name": {"value": "americas"}}}
    assert [e["node"]["name"]["value"] for e in leaf1["interfaces"]["edges"]] == ["Ethernet1", "Ethernet2"]
    assert leaf1["member_of_groups"]["edges"][0]["node"]["display_label"] == "core"
    leaf2 = by_name["atl1-leaf2"]
    assert leaf2["platform"] == {"node": None}
    assert leaf2["interfaces"] == {"count": 0, "edges": []}


@pytest.mark.parametrize(
    "query",
    [
        # aliases, fragments and directives
        """query($with: Boolean!) { NetDevice(limit: 2, offset: 1) { count edges { node {
             ... on NetDevice { label: display_label n: name { v: value } }
             ...Site
             asn @include(if: $with) { value }
             serial @skip(if: $with) { value }
           } } } }
           fragment Site on NetDevice { site { node { ... on NetSite { name { value } } } } }""",
        # a generic root and its concrete kinds' own fields
        """{ NetPlace { edges { node { __typename display_label name { value }
             ... on NetSite { parent { node { display_label } } } } } } }""",
        # edges without a node, and nested pages with a count only
        "{ NetDevice { edges { __typename } } }",
        '{ NetDevice(role__value: "leaf") { edges { node { interfaces { count } } } } }',
        # interfaces with their device: the reverse side of a component relationship
        "{ NetInterface { edges { node { name { value } device { node { id name { value } } } } } } }",
    ],
)
def test_compiled_shapes_answer_as_the_resolver(
    gql: GraphQLHarness, inventory: dict[str, str], query: str
) -> None:
    status, body = gql.run(query, {"with": True})
    assert status == 200
    assert "errors" not in body


def test_branch_and_time_travel_reads(gql: GraphQLHarness, inventory: dict[str, str]) -> None:
    before = datetime.now(UTC)
    gql.data('mutation { BranchCreate(wait_until_completion: true, data: {name: "change"}) { ok } }')
    gql.data(
        "mutation($id: String) { NetDeviceUpdate(data: {id: $id, asn: {value: 65100}}) { ok } }",
        {"id": inventory["atl1-leaf1"]},
        branch="change",
    )
    gql.data(
        f'mutation {{ NetInterfaceDelete(data: {{id: "{inventory["Ethernet2"]}"}}) {{ ok }} }}',
        branch="change",
    )
    on_branch = gql.data(INVENTORY, branch="change")["NetDevice"]["edges"]
    leaf1 = next(edge["node"] for edge in on_branch if edge["node"]["name"]["value"] == "atl1-leaf1")
    assert leaf1["asn"] == {"value": 65100}
    assert leaf1["interfaces"]["count"] == 1
    main = gql.data(INVENTORY)["NetDevice"]["edges"]
    assert next(e["node"] for e in main if e["node"]["name"]["value"] == "atl1-leaf1")["asn"] == {
        "value": 65001
    }
    past = gql.data(INVENTORY, at=before)["NetDevice"]["edges"]
    assert (
        next(e["node"] for e in past if e["node"]["name"]["value"] == "atl1-leaf1")["interfaces"]["count"]
        == 2
    )


@pytest.mark.parametrize(
    "node_selection",
    [
        "name { value is_default }",
        "name { value source { id } }",
        "hfid",  # an interface's HFID reads its device's name
        "device { properties { is_protected } }",
        "device { node_metadata { created_at } }",
        "member_of_groups(limit: 1) { edges { node { id } } }",
    ],
)
def test_uncovered_selections_stay_on_the_resolver(
    gql: GraphQLHarness,
    store: Store,
    network_schema: SchemaBranch,
    inventory: dict[str, str],
    node_selection: str,
) -> None:
    query = f"{{ NetInterface {{ edges {{ node {{ id {node_selection} }} }} }} }}"
    assert not _covers(store, network_schema, query, "NetInterface")
    status, body = gql.run(query)
    assert status == 200
    assert "errors" not in body, body
