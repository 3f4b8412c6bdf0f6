"""Concurrent writers: change sets run one after the other, so no update is lost."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from store_helpers import values

from infrahub_server.store import AttributeFilter, Snapshot, Store

WRITERS = 4
INCREMENTS = 10


def test_concurrent_read_modify_write_loses_no_update(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        counter = writer.create_node("TestCounter", attributes=values(count=0))

    def increment(times: int) -> list[int]:
        stamps = []
        for _ in range(times):
            with store.change_set("main", actor_id=None) as writer:
                current = writer.get_nodes([counter])[counter].attributes["count"].value
                writer.set_attributes(counter, values(count=current + 1))
                stamps.append(writer.info.id)
        return stamps

    with ThreadPoolExecutor(WRITERS) as pool:
        change_sets = [stamp for stamps in pool.map(increment, [INCREMENTS] * WRITERS) for stamp in stamps]

    with store.reader(Snapshot("main")) as reader:
        assert reader.get_nodes([counter])[counter].attributes["count"].value == WRITERS * INCREMENTS
    assert len(set(change_sets)) == WRITERS * INCREMENTS


def test_readers_keep_their_snapshot_while_a_writer_commits(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        first = writer.create_node("TestKind", attributes=values(name="first"))

    with store.reader(Snapshot("main")) as reader:
        assert reader.find_node_ids(["TestKind"]) == [first]
        with store.change_set("main", actor_id=None) as writer:
            writer.create_node("TestKind", attributes=values(name="second"))
        assert reader.find_node_ids(["TestKind"]) == [first]
        assert reader.count_nodes(["TestKind"]) == 1


def test_check_then_create_under_lock_keeps_names_unique(store: Store) -> None:
    def create_if_absent(_: int) -> bool:
        with store.change_set("main", actor_id=None) as writer:
            writer.lock_kinds(["TestDevice", "TestSite"])
            if writer.find_node_ids(["TestDevice"], [AttributeFilter("name", "eq", "edge-1")]):
                return False
            writer.create_node("TestDevice", attributes=values(name="edge-1"))
            return True

    with ThreadPoolExecutor(WRITERS) as pool:
        created = list(pool.map(create_if_absent, range(WRITERS * 2)))

    assert created.count(True) == 1
    with store.reader(Snapshot("main")) as reader:
        assert reader.count_nodes(["TestDevice"]) == 1
