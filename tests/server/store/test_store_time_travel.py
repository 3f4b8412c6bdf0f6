"""Reads at a past instant: values, deletions and schemas as they were, on main and on branches."""

from __future__ import annotations

from datetime import timedelta

from store_helpers import values

from infrahub_server.store import Snapshot, Store

TICK = timedelta(microseconds=1)


def test_reading_before_a_change_shows_the_old_value(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        node_id = writer.create_node("TestKind", attributes=values(name="v1", size=1))
    with store.change_set("main", actor_id=None) as writer:
        writer.set_attributes(node_id, values(name="v2"))
        second = writer.info

    with store.reader(Snapshot("main", second.at - TICK)) as reader:
        old = reader.get_nodes([node_id])[node_id]
    with store.reader(Snapshot("main", second.at)) as reader:
        new = reader.get_nodes([node_id])[node_id]
    assert (old.attributes["name"].value, old.attributes["size"].value) == ("v1", 1)
    assert (new.attributes["name"].value, new.attributes["size"].value) == ("v2", 1)
    assert old.updated_at < new.updated_at == second.at


def test_a_deleted_node_is_visible_before_its_deletion(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        node_id = writer.create_node("TestKind", attributes=values(name="gone"))
        peer = writer.create_node("TestPeer", attributes=values(name="peer"))
        writer.add_edge("kind__peer", node_id, peer)
        created = writer.info
    with store.change_set("main", actor_id=None) as writer:
        writer.delete_node(node_id)
        deleted = writer.info

    with store.reader(Snapshot("main", deleted.at - TICK)) as reader:
        assert reader.find_node_ids(["TestKind"]) == [node_id]
        assert reader.get_nodes([node_id])[node_id].attributes["name"].value == "gone"
        assert set(reader.get_edges("kind__peer", [node_id], "source")) == {node_id}
    with store.reader(Snapshot("main", deleted.at)) as reader:
        assert reader.find_node_ids(["TestKind"]) == []
        assert reader.get_edges("kind__peer", [peer], "destination") == {}
    with store.reader(Snapshot("main", created.at - TICK)) as reader:
        assert reader.find_node_ids(["TestKind"]) == []


def test_time_travel_on_a_branch(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        node_id = writer.create_node("TestKind", attributes=values(name="main v1"))
    branch = store.create_branch("feature")
    with store.change_set("main", actor_id=None) as writer:
        writer.set_attributes(node_id, values(name="main v2"))
    with store.change_set("feature", actor_id=None) as writer:
        writer.set_attributes(node_id, values(name="branch v1"))
        changed = writer.info
    with store.change_set("feature", actor_id=None) as writer:
        writer.delete_node(node_id)
        deleted = writer.info

    def name_at(at_: object) -> object:
        with store.reader(Snapshot("feature", at_)) as reader:  # type: ignore[arg-type]
            node = reader.get_nodes([node_id]).get(node_id)
        return None if node is None else node.attributes["name"].value

    assert name_at(branch.branched_from) == "main v1"
    assert name_at(changed.at - TICK) == "main v1"
    assert name_at(changed.at) == "branch v1"
    assert name_at(deleted.at) is None
    assert name_at(None) is None
    with store.reader(Snapshot("main")) as reader:
        assert reader.get_nodes([node_id])[node_id].attributes["name"].value == "main v2"


def test_schemas_are_versioned_per_branch(store: Store) -> None:
    assert store.load_schema("main") is None
    store.save_schema("main", {"nodes": ["A"]}, "hash-a", actor_id=None)
    saved_a = store.latest_change("main")
    store.create_branch("feature")
    store.save_schema("main", {"nodes": ["A", "B"]}, "hash-ab", actor_id=None)
    assert store.load_schema("feature") == ({"nodes": ["A"]}, "hash-a")

    store.save_schema("feature", {"nodes": ["A", "C"]}, "hash-ac", actor_id="alice")
    changed = store.latest_change("feature")
    assert store.load_schema("feature") == ({"nodes": ["A", "C"]}, "hash-ac")
    assert store.load_schema("main") == ({"nodes": ["A", "B"]}, "hash-ab")
    assert saved_a is not None
    assert changed is not None
    assert store.load_schema("main", saved_a.at) == ({"nodes": ["A"]}, "hash-a")
    assert store.load_schema("feature", changed.at - TICK) == ({"nodes": ["A"]}, "hash-a")
    assert store.get_branch("feature").schema_hash == "hash-ac"  # type: ignore[union-attr]
