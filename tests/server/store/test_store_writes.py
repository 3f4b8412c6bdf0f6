"""Writes and reads round-trip: nodes, attributes with properties, edges, change-set metadata."""

from __future__ import annotations

import uuid

import pytest
from store_helpers import values

from infrahub_server.errors import BranchNotFoundError, NodeNotFoundError
from infrahub_server.store import AttributeRecord, Snapshot, Store, new_id

MAIN = Snapshot("main")


def test_every_json_value_type_round_trips(store: Store) -> None:
    stored = {
        "text": 'édge-1 "quoted"',
        "integer": 65_000,
        "big": 2**53 + 1,
        "real": 1.5,
        "yes": True,
        "no": False,
        "nothing": None,
        "list": ["a", 1, None],
        "mapping": {"b": 1, "a": [True]},
    }
    with store.change_set("main", actor_id="alice") as writer:
        node_id = writer.create_node("TestKind", attributes=values(**stored))

    with store.reader(MAIN) as reader:
        node = reader.get_nodes([node_id])[node_id]
    assert {name: record.value for name, record in node.attributes.items()} == stored
    assert type(node.attributes["integer"].value) is int
    assert type(node.attributes["real"].value) is float


def test_node_records_carry_kind_branch_and_change_metadata(store: Store) -> None:
    with store.change_set("main", actor_id="alice", message="first") as writer:
        node_id = writer.create_node("TestKind", attributes=values(name="a", size=1))
        created = writer.info
    with store.change_set("main", actor_id="bob") as writer:
        writer.set_attributes(node_id, values(size=2))
        updated = writer.info

    with store.reader(MAIN) as reader:
        node = reader.get_nodes([node_id])[node_id]
    assert (node.id, node.kind, node.branch) == (node_id, "TestKind", "main")
    assert (node.created_at, node.created_by) == (created.at, "alice")
    assert (node.updated_at, node.updated_by) == (updated.at, "bob")
    assert (node.attributes["name"].updated_at, node.attributes["name"].updated_by) == (created.at, "alice")
    assert (node.attributes["size"].updated_at, node.attributes["size"].updated_by) == (updated.at, "bob")
    assert created.message == "first"
    assert created.at < updated.at


def test_attribute_properties_round_trip(store: Store) -> None:
    owner, source = new_id(), new_id()
    record = AttributeRecord("x", is_default=True, is_protected=True, source_id=source, owner_id=owner)
    with store.change_set("main", actor_id=None) as writer:
        node_id = writer.create_node("TestKind", attributes={"name": record})

    with store.reader(MAIN) as reader:
        stored = reader.get_nodes([node_id])[node_id].attributes["name"]
    assert (stored.value, stored.is_default, stored.is_protected, stored.source_id, stored.owner_id) == (
        "x",
        True,
        True,
        source,
        owner,
    )


def test_set_attributes_changes_only_the_named_attributes(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        node_id = writer.create_node("TestKind", attributes=values(name="a", description="old", size=1))
    with store.change_set("main", actor_id=None) as writer:
        writer.set_attributes(node_id, values(description="new", extra=[1]))

    with store.reader(MAIN) as reader:
        node = reader.get_nodes([node_id])[node_id]
    assert {name: record.value for name, record in node.attributes.items()} == {
        "name": "a",
        "description": "new",
        "size": 1,
        "extra": [1],
    }


def test_get_nodes_can_limit_attributes_and_skips_unknown_ids(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        first = writer.create_node("TestKind", attributes=values(name="a", size=1))
        second = writer.create_node("TestKind", attributes=values(name="b", size=2))

    with store.reader(MAIN) as reader:
        nodes = reader.get_nodes([second, new_id(), first], attribute_names=["size"])
        bare = reader.get_nodes([first], attribute_names=[])
    assert list(nodes) == [second, first]
    assert {node_id: list(node.attributes) for node_id, node in nodes.items()} == {
        second: ["size"],
        first: ["size"],
    }
    assert bare[first].attributes == {}


def test_writing_twice_in_one_change_set_keeps_the_last_value(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        node_id = writer.create_node("TestKind", attributes=values(name="a"))
        writer.set_attributes(node_id, values(name="b"))
        writer.set_attributes(node_id, values(name="c"))
        peer = writer.create_node("TestKind", attributes={})
        writer.add_edge("test__peer", node_id, peer)
        writer.add_edge("test__peer", node_id, peer, is_protected=True)

    with store.reader(MAIN) as reader:
        assert reader.get_nodes([node_id])[node_id].attributes["name"].value == "c"
        edges = reader.get_edges("test__peer", [node_id], "source")[node_id]
    assert [(edge.destination_id, edge.is_protected) for edge in edges] == [(peer, True)]


def test_writer_reads_its_own_pending_writes(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        node_id = writer.create_node("TestKind", attributes=values(name="a"))
        assert writer.find_node_ids(["TestKind"]) == [node_id]
        writer.set_attributes(node_id, values(name="b"))
        assert writer.get_nodes([node_id])[node_id].attributes["name"].value == "b"
        assert writer.kinds_of([node_id]) == {node_id: "TestKind"}


def test_edges_round_trip_with_properties_on_each_side(store: Store) -> None:
    owner = new_id()
    with store.change_set("main", actor_id="alice") as writer:
        device = writer.create_node("TestDevice", attributes=values(name="d1"))
        site = writer.create_node("TestSite", attributes=values(name="s1"))
        other = writer.create_node("TestDevice", attributes=values(name="d2"))
        edge_id = writer.add_edge("device__site", device, site, is_protected=True, owner_id=owner)
        writer.add_edge("device__site", other, site)
        writer.add_edge("device__peer", device, other)

    with store.reader(MAIN) as reader:
        outbound = reader.get_edges("device__site", [device, other], "source")
        inbound = reader.get_edges("device__site", [site], "destination")
        either = reader.get_edges("device__peer", [device, other], "either")
    edge = outbound[device][0]
    assert (edge.id, edge.identifier, edge.source_id, edge.destination_id, edge.branch) == (
        edge_id,
        "device__site",
        device,
        site,
        "main",
    )
    assert (edge.is_protected, edge.owner_id, edge.source_prop_id, edge.created_by) == (
        True,
        owner,
        None,
        "alice",
    )
    assert sorted(e.source_id for e in inbound[site]) == sorted([device, other])
    assert [e.destination_id for e in outbound[other]] == [site]
    assert [e.destination_id for e in either[device]] == [other]
    assert [e.source_id for e in either[other]] == [device]


def test_remove_edge_and_delete_node(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        device = writer.create_node("TestDevice", attributes=values(name="d1"))
        site = writer.create_node("TestSite", attributes=values(name="s1"))
        tag = writer.create_node("TestTag", attributes=values(name="t1"))
        writer.add_edge("device__site", device, site)
        writer.add_edge("device__tag", device, tag)
    with store.change_set("main", actor_id=None) as writer:
        writer.remove_edge("device__tag", device, tag)
        writer.remove_edge("device__tag", device, tag)
        writer.delete_node(site)

    with store.reader(MAIN) as reader:
        assert reader.get_edges("device__tag", [device], "source") == {}
        assert reader.get_edges("device__site", [device], "source") == {}
        assert set(reader.get_nodes([device, site, tag])) == {device, tag}
        assert reader.find_node_ids(["TestSite"]) == []
        assert reader.kinds_of([device, site]) == {device: "TestDevice"}


def test_updating_or_deleting_an_unknown_node_fails(store: Store) -> None:
    with pytest.raises(NodeNotFoundError), store.change_set("main", actor_id=None) as writer:
        writer.set_attributes(new_id(), values(name="x"))
    with pytest.raises(NodeNotFoundError), store.change_set("main", actor_id=None) as writer:
        writer.delete_node(new_id())


def test_a_failing_change_set_leaves_nothing(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        kept = writer.create_node("TestKind", attributes=values(name="kept"))
    before = store.latest_change("main")

    def change_then_fail() -> None:
        with store.change_set("main", actor_id=None) as writer:
            writer.set_attributes(kept, values(name="changed"))
            added = writer.create_node("TestKind", attributes=values(name="added"))
            writer.add_edge("test__peer", kept, added)
            writer.delete_node(kept)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        change_then_fail()

    with store.reader(MAIN) as reader:
        assert reader.find_node_ids(["TestKind"]) == [kept]
        assert reader.get_nodes([kept])[kept].attributes["name"].value == "kept"
        assert reader.get_edges("test__peer", [kept], "source") == {}
    assert store.latest_change("main") == before


def test_change_set_on_an_unknown_branch_is_refused(store: Store) -> None:
    with pytest.raises(BranchNotFoundError), store.change_set("nope", actor_id=None):
        pass
    with pytest.raises(BranchNotFoundError), store.reader(Snapshot("nope")):
        pass


def test_restart_keeps_data(database_url: str) -> None:
    first = Store.open(database_url)
    with first.change_set("main", actor_id="alice") as writer:
        node_id = writer.create_node("TestKind", attributes=values(name="a"))
    first.create_branch("feature")
    last_change = first.latest_change("feature")
    first.close()

    reopened = Store.open(database_url)
    try:
        with reopened.reader(MAIN) as reader:
            assert reader.get_nodes([node_id])[node_id].attributes["name"].value == "a"
        assert [branch.name for branch in reopened.list_branches()] == ["main", "feature"]
        with reopened.change_set("main", actor_id=None) as writer:
            assert last_change is not None
            assert writer.info.at > last_change.at
    finally:
        reopened.close()


def test_ids_are_uuids_in_creation_order() -> None:
    ids = [new_id() for _ in range(1000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(str(uuid.UUID(value)) == value for value in ids)


def test_change_set_timestamps_strictly_increase(store: Store) -> None:
    stamps = []
    for _ in range(20):
        with store.change_set("main", actor_id=None) as writer:
            stamps.append(writer.info.at)
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    assert all(stamp.tzinfo is not None and stamp.utcoffset().total_seconds() == 0 for stamp in stamps)  # type: ignore[union-attr]


@pytest.mark.parametrize("branch", ["main", "feature"])
def test_a_node_created_and_deleted_in_one_change_set_leaves_no_trace(store: Store, branch: str) -> None:
    store.create_branch("feature")
    with store.change_set(branch, actor_id=None) as writer:
        peer = writer.create_node("TestPeer", attributes=values(name="peer"))
        short_lived = writer.create_node("TestKind", attributes=values(name="short"))
        writer.add_edge("kind__peer", short_lived, peer)
        writer.delete_node(short_lived)

    with store.reader(Snapshot(branch)) as reader:
        assert reader.find_node_ids(["TestKind"]) == []
        assert reader.get_edges("kind__peer", [peer], "destination") == {}
        assert set(reader.get_nodes([peer, short_lived])) == {peer}
