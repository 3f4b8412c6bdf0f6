"""HFIDs, display labels and edge orientation, computed from records without a database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from infrahub_server.nodes import compute_display_label, compute_hfid, edge_ends, edge_side, identity_paths
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import AttributeRecord, NodeRecord

EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def record(node_id: str, kind: str, **values: Any) -> NodeRecord:
    attributes = {name: AttributeRecord(value) for name, value in values.items()}
    return NodeRecord(node_id, kind, "main", EPOCH, None, EPOCH, None, attributes)


def test_hfid_reads_attributes_of_the_node_and_of_its_peers(network_schema: SchemaBranch) -> None:
    interface = network_schema.get("NetInterface")
    device = record("d1", "NetDevice", name="atl1-edge1")
    eth0 = record("i1", "NetInterface", name="eth0", mtu=1500)

    assert compute_hfid(interface, eth0, {"device": device}) == ["atl1-edge1", "eth0"]
    assert compute_hfid(interface, eth0, {}) is None
    assert compute_display_label(interface, eth0, {"device": device}) == "eth0"


def test_identity_paths_list_what_to_load(network_schema: SchemaBranch) -> None:
    paths = identity_paths(network_schema.get("NetInterface"))
    assert paths.attributes == {"name"}
    assert paths.peer_attributes == {"device": {"name"}}


def test_hfid_parts_are_strings_and_kinds_without_hfid_have_none(network_schema: SchemaBranch) -> None:
    address = record("a1", "NetAddress", address="10.0.0.1/24")
    assert compute_hfid(network_schema.get("NetAddress"), address) == ["10.0.0.1/24"]
    cable = record("c1", "NetCable", label="x")
    assert compute_hfid(network_schema.get("NetCable"), cable) is None
    assert compute_display_label(network_schema.get("NetCable"), cable) == "NetCable(ID: c1)"


def test_a_display_label_template_renders_node_and_peer_values(network_schema: SchemaBranch) -> None:
    schema = network_schema.get("NetInterface").model_copy(
        update={"display_label": "{{ device__name__value }}:{{ name__value }} ({{ mtu__value }})"}
    )
    eth0 = record("i1", "NetInterface", name="eth0", mtu=9000)
    device = record("d1", "NetDevice", name="atl1-edge1")

    assert compute_display_label(schema, eth0, {"device": device}) == "atl1-edge1:eth0 (9000)"
    assert compute_display_label(schema, eth0, {"device": None}) == ":eth0 (9000)"
    assert identity_paths(schema).peer_attributes == {"device": {"name"}}


def test_edge_orientation_follows_the_relationship_direction(network_schema: SchemaBranch) -> None:
    parent = network_schema.get("NetSite").get_relationship("parent")
    children = network_schema.get("NetRegion").get_relationship("children")
    site = network_schema.get("NetDevice").get_relationship("site")
    assert parent is not None
    assert children is not None
    assert site is not None

    assert (edge_side(parent), edge_side(children), edge_side(site)) == ("source", "destination", "either")
    # both ends of the hierarchy write the same edge: the child is the source
    assert (
        edge_ends(parent, "site-1", "region-1")
        == edge_ends(children, "region-1", "site-1")
        == ("site-1", "region-1")
    )
    # a bidirectional edge is the same whichever side writes it
    assert (
        edge_ends(site, "b-device", "a-site")
        == edge_ends(site, "a-site", "b-device")
        == ("a-site", "b-device")
    )


def test_permission_display_labels_name_the_decision() -> None:
    from infrahub_server.schema import core_schema

    schema = core_schema()
    now = datetime.now(UTC)
    permission = NodeRecord(
        id="p1",
        kind="CoreObjectPermission",
        branch="main",
        created_at=now,
        created_by=None,
        updated_at=now,
        updated_by=None,
        attributes={
            "namespace": AttributeRecord("Net"),
            "name": AttributeRecord("Device"),
            "action": AttributeRecord("view"),
            "decision": AttributeRecord(6),
        },
    )

    assert (
        compute_display_label(schema.get("CoreObjectPermission"), permission)
        == "object:Net:Device:view:allow_all"
    )
