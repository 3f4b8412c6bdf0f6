"""Branches: O(1) creation, isolation both ways, agnostic and local data, latest change."""

from __future__ import annotations

import pytest
from store_helpers import values

from infrahub_server.errors import ValidationError
from infrahub_server.store import GLOBAL_BRANCH, AttributeFilter, Snapshot, Store


def names_on(store: Store, branch: str, kind: str = "TestKind") -> dict[str, str]:
    with store.reader(Snapshot(branch)) as reader:
        nodes = reader.get_nodes(reader.find_node_ids([kind]))
    return {node_id: node.attributes["name"].value for node_id, node in nodes.items()}


def test_default_branches_exist_after_open(store: Store) -> None:
    main = store.get_branch("main")
    assert main is not None
    assert main.is_default
    assert main.status == "OPEN"
    assert store.get_branch(GLOBAL_BRANCH) is not None
    assert [branch.name for branch in store.list_branches()] == ["main"]
    assert store.dialect in ("sqlite", "postgresql")


def test_create_branch_records_its_origin(store: Store) -> None:
    created = store.create_branch("feature-1", description="work", sync_with_git=True)
    fetched = store.get_branch("feature-1")
    assert fetched == created
    assert (created.origin_branch, created.status, created.description) == ("main", "OPEN", "work")
    assert (created.sync_with_git, created.is_default, created.is_isolated) == (True, False, True)
    assert created.branched_from == created.created_at
    assert [branch.name for branch in store.list_branches()] == ["main", "feature-1"]
    with pytest.raises(ValidationError, match="The branch feature-1 already exists"):
        store.create_branch("feature-1")


def test_branch_writes_are_invisible_on_main(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        shared = writer.create_node("TestKind", attributes=values(name="shared"))
        doomed = writer.create_node("TestKind", attributes=values(name="doomed"))
        peer = writer.create_node("TestPeer", attributes=values(name="peer"))
        writer.add_edge("kind__peer", shared, peer)
    store.create_branch("feature")
    with store.change_set("feature", actor_id=None) as writer:
        writer.set_attributes(shared, values(name="renamed"))
        writer.delete_node(doomed)
        added = writer.create_node("TestKind", attributes=values(name="added"))
        writer.remove_edge("kind__peer", shared, peer)
        writer.add_edge("kind__peer", added, peer)

    assert names_on(store, "main") == {shared: "shared", doomed: "doomed"}
    assert names_on(store, "feature") == {shared: "renamed", added: "added"}
    with store.reader(Snapshot("main")) as reader:
        assert set(reader.get_edges("kind__peer", [shared, added], "source")) == {shared}
        assert reader.find_node_ids(["TestKind"], [AttributeFilter("name", "eq", "renamed")]) == []
    with store.reader(Snapshot("feature")) as reader:
        assert set(reader.get_edges("kind__peer", [shared, added], "source")) == {added}
        assert reader.find_node_ids(["TestKind"], [AttributeFilter("name", "eq", "shared")]) == []
        assert reader.count_nodes(["TestKind"]) == 2
        assert reader.get_nodes([shared])[shared].branch == "main"
        assert reader.get_nodes([added])[added].branch == "feature"


def test_main_changes_after_branching_are_invisible_on_the_branch(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        before = writer.create_node("TestKind", attributes=values(name="before"))
    store.create_branch("feature")
    with store.change_set("main", actor_id=None) as writer:
        writer.set_attributes(before, values(name="changed on main"))
        after = writer.create_node("TestKind", attributes=values(name="after"))

    assert names_on(store, "feature") == {before: "before"}
    assert names_on(store, "main") == {before: "changed on main", after: "after"}


def test_main_deletion_after_branching_is_invisible_on_the_branch(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        node_id = writer.create_node("TestKind", attributes=values(name="kept on branch"))
    store.create_branch("feature")
    with store.change_set("main", actor_id=None) as writer:
        writer.delete_node(node_id)

    assert names_on(store, "main") == {}
    assert names_on(store, "feature") == {node_id: "kept on branch"}


def test_branch_edits_of_main_data_and_deletes_of_edges_touching_it(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        device = writer.create_node("TestKind", attributes=values(name="device"))
        site = writer.create_node("TestSite", attributes=values(name="site"))
        writer.add_edge("device__site", device, site)
    store.create_branch("feature")
    with store.change_set("feature", actor_id=None) as writer:
        writer.delete_node(site)

    with store.reader(Snapshot("feature")) as reader:
        assert reader.get_edges("device__site", [device], "source") == {}
        assert reader.get_nodes([site]) == {}
    with store.reader(Snapshot("main")) as reader:
        assert set(reader.get_edges("device__site", [device], "source")) == {device}


def test_agnostic_data_is_seen_from_every_branch_at_once(store: Store) -> None:
    store.create_branch("feature")
    with store.change_set("feature", actor_id=None) as writer:
        account = writer.create_node("TestAccount", scope="agnostic", attributes=values(name="alice"))
    with store.reader(Snapshot("main")) as reader:
        node = reader.get_nodes([account])[account]
    assert node.branch == GLOBAL_BRANCH
    assert names_on(store, "feature", "TestAccount") == {account: "alice"}

    with store.change_set("main", actor_id=None) as writer:
        writer.set_attributes(account, values(name="alice2"))
    assert names_on(store, "feature", "TestAccount") == {account: "alice2"}
    with store.change_set("feature", actor_id=None) as writer:
        writer.delete_node(account)
    assert names_on(store, "main", "TestAccount") == {}


def test_local_data_stays_on_its_branch(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        on_main = writer.create_node("TestArtifact", scope="local", attributes=values(name="main artifact"))
    store.create_branch("feature")
    with store.change_set("feature", actor_id=None) as writer:
        on_branch = writer.create_node(
            "TestArtifact", scope="local", attributes=values(name="branch artifact")
        )

    assert names_on(store, "main", "TestArtifact") == {on_main: "main artifact"}
    assert names_on(store, "feature", "TestArtifact") == {on_branch: "branch artifact"}


def test_latest_change_follows_what_the_branch_sees(store: Store) -> None:
    with store.change_set("main", actor_id="alice") as writer:
        writer.create_node("TestKind", attributes=values(name="a"))
        first = writer.info
    assert store.latest_change("main") == first
    store.create_branch("feature")
    on_branch = store.latest_change("feature")
    assert on_branch is not None
    assert on_branch.branch == "feature"
    assert on_branch.at > first.at

    with store.change_set("main", actor_id=None) as writer:
        writer.create_node("TestKind", attributes=values(name="b"))
    assert store.latest_change("feature") == on_branch

    with store.change_set("main", actor_id=None, message="agnostic") as writer:
        writer.create_node("TestAccount", scope="agnostic", attributes=values(name="c"))
        global_change = writer.info
    assert store.latest_change("feature") == global_change
    assert store.latest_change("main") == global_change
