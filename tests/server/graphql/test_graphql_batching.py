"""A list query costs a fixed number of SQL statements per selection level, whatever the node count."""

from __future__ import annotations

from typing import Any

from graphql_harness import GraphQLHarness
from sqlalchemy import event

from infrahub_server.nodes import NodeService, edge_ends
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import AttributeRecord, OrderBy, Store

THREE_LEVELS = """{ NetDevice {
  count
  edges { node {
    id hfid display_label __typename
    name { value } role { value label } status { value }
    site { node { id display_label parent { node { display_label } } } }
    interfaces { count edges { node { hfid name { value } mtu { value } } } }
  } }
} }"""


def _load_devices(store: Store, schema: SchemaBranch, first: int, count: int) -> None:
    """Devices `first`..`first + count - 1` over 10 sites of one region (created with the first
    batch), one interface each, written in one change set."""
    device_schema, interface_schema = schema.get("NetDevice"), schema.get("NetInterface")
    site_rel = device_schema.get_relationship("site")
    device_rel = interface_schema.get_relationship("device")
    assert site_rel is not None
    assert device_rel is not None
    assert site_rel.identifier is not None
    assert device_rel.identifier is not None
    with store.change_set("main", actor_id=None) as writer:
        service = NodeService(schema, writer)
        if first == 0:
            region = service.create("NetRegion", {"name": {"value": "emea"}})
            for i in range(10):
                service.create("NetSite", {"name": {"value": f"site{i}"}, "parent": {"id": region}})
        sites = writer.find_node_ids(["NetSite"], order=[OrderBy(attribute="name")])
        for index in range(first, first + count):
            device = writer.create_node(
                "NetDevice",
                attributes={
                    "name": AttributeRecord(f"device{index:04}"),
                    "role": AttributeRecord("leaf"),
                    "status": AttributeRecord("active", is_default=True),
                },
            )
            writer.add_edge(site_rel.identifier, *edge_ends(site_rel, device, sites[index % 10]))
            interface = writer.create_node(
                "NetInterface",
                attributes={"name": AttributeRecord("eth0"), "mtu": AttributeRecord(1500, is_default=True)},
            )
            writer.add_edge(device_rel.identifier, *edge_ends(device_rel, interface, device))


def _statements(store: Store, gql: GraphQLHarness, query: str) -> tuple[int, dict[str, Any]]:
    executed: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        executed.append(statement)

    gql.compare_paths = False
    event.listen(store.engine, "before_cursor_execute", count)
    try:
        data = gql.data(query)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
        gql.compare_paths = True
    return len([s for s in executed if s.lstrip().upper().startswith(("SELECT", "WITH"))]), data


def test_statements_do_not_grow_with_the_number_of_nodes(
    store: Store, gql: GraphQLHarness, network_schema: SchemaBranch
) -> None:
    _load_devices(store, network_schema, 0, 10)
    few, data = _statements(store, gql, THREE_LEVELS)
    assert data["NetDevice"]["count"] == 10
    _load_devices(store, network_schema, 10, 990)
    many, data = _statements(store, gql, THREE_LEVELS)
    result = data["NetDevice"]
    assert result["count"] == 1000
    assert len(result["edges"]) == 1000
    first = result["edges"][0]["node"]
    assert first["hfid"] == ["device0000"]
    assert first["role"] == {"value": "leaf", "label": "Leaf"}
    assert first["site"]["node"]["display_label"] == "site0"
    assert first["site"]["node"]["parent"] == {"node": {"display_label": "emea"}}
    assert first["interfaces"] == {
        "count": 1,
        "edges": [
            {"node": {"hfid": ["device0000", "eth0"], "name": {"value": "eth0"}, "mtu": {"value": 1500}}}
        ],
    }
    # The page; level 1: devices, site edges, interface edges, then sites and interfaces together;
    # level 2: the sites' parent edges; level 3: the regions. Interface HFIDs reuse what was read.
    assert many == few
    assert many <= 8
