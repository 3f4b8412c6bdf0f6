"""DiffUpdate / DiffTree / DiffTreeSummary: structure, statuses, counts, conflicts and clashes."""

from __future__ import annotations

from typing import Any

import pytest
from branch_harness import Lab

from infrahub_server.branches import create_branch, get_diff_summary, get_diff_tree, update_diff


@pytest.fixture
def sites(lab: Lab) -> tuple[str, str]:
    region = lab.create("NetRegion", {"name": {"value": "americas"}})
    atl1 = lab.create("NetSite", {"name": {"value": "atl1"}, "parent": {"id": region}})
    atl2 = lab.create("NetSite", {"name": {"value": "atl2"}, "parent": {"id": region}})
    return atl1, atl2


def _device(lab: Lab, name: str, site: str, branch: str = "main", **fields: Any) -> str:
    data = {"name": {"value": name}, "role": {"value": "leaf"}, "site": {"id": site}, **fields}
    return lab.create("NetDevice", data, branch=branch)


def _node(tree: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(node for node in tree["nodes"] if node["uuid"] == node_id)


def test_no_diff_before_an_update_and_an_empty_one_after(lab: Lab) -> None:
    create_branch(lab.store, "quiet")
    assert get_diff_tree(lab.store, "quiet") is None
    tree = update_diff(lab.store, "quiet")
    assert (tree["num_added"], tree["num_updated"], tree["num_removed"], tree["nodes"]) == (0, 0, 0, [])


def test_diff_lists_added_updated_and_removed_nodes_with_counts(lab: Lab, sites: tuple[str, str]) -> None:
    atl1, atl2 = sites
    edge1 = _device(lab, "edge1", atl1, description={"value": "old"})
    edge9 = _device(lab, "edge9", atl1)
    create_branch(lab.store, "change")
    lab.update(
        "NetDevice", {"id": edge1, "description": {"value": "new"}, "site": {"id": atl2}}, branch="change"
    )
    edge2 = _device(lab, "edge2", atl1, branch="change")
    lab.delete("NetDevice", edge9, branch="change")

    update_diff(lab.store, "change")
    tree = get_diff_tree(lab.store, "change")
    assert tree is not None
    assert (tree["base_branch"], tree["diff_branch"], tree["name"]) == ("main", "change", "change")
    assert (tree["num_added"], tree["num_updated"], tree["num_removed"], tree["num_conflicts"]) == (
        1,
        1,
        1,
        0,
    )
    assert {node["uuid"]: node["status"] for node in tree["nodes"]} == {
        edge1: "UPDATED",
        edge2: "ADDED",
        edge9: "REMOVED",
    }
    updated = _node(tree, edge1)
    assert (updated["kind"], updated["label"], updated["contains_conflict"]) == ("NetDevice", "edge1", False)
    assert (updated["num_added"], updated["num_updated"], updated["num_removed"]) == (0, 2, 0)
    [description] = updated["attributes"]
    assert description["name"] == "description"
    assert [
        (p["property_type"], p["previous_value"], p["new_value"], p["status"])
        for p in description["properties"]
    ] == [("HAS_VALUE", "old", "new", "UPDATED")]
    [site] = updated["relationships"]
    assert (site["name"], site["cardinality"], site["status"]) == ("site", "ONE", "UPDATED")
    assert sorted((e["peer_label"], e["status"]) for e in site["elements"]) == [
        ("atl1", "REMOVED"),
        ("atl2", "ADDED"),
    ]
    added = _node(tree, edge2)
    assert {a["name"]: a["status"] for a in added["attributes"]}["name"] == "ADDED"
    removed = _node(tree, edge9)
    assert {a["name"] for a in removed["attributes"] if a["status"] == "REMOVED"} >= {"name", "role"}
    summary = get_diff_summary(lab.store, "change")
    assert summary == {
        "base_branch": "main",
        "diff_branch": "change",
        "from_time": tree["from_time"],
        "to_time": tree["to_time"],
        "num_added": 1,
        "num_updated": 1,
        "num_removed": 1,
        "num_conflicts": 0,
        "num_unchanged": 0,
    }


def test_cardinality_many_changes_show_under_the_relationship(lab: Lab, sites: tuple[str, str]) -> None:
    device = _device(lab, "edge1", sites[0])
    old = lab.create("NetInterface", {"name": {"value": "eth0"}, "device": {"id": device}})
    create_branch(lab.store, "ports")
    new = lab.create("NetInterface", {"name": {"value": "eth1"}, "device": {"id": device}}, branch="ports")
    lab.delete("NetInterface", old, branch="ports")
    tree = update_diff(lab.store, "ports")
    [interfaces] = _node(tree, device)["relationships"]
    assert (interfaces["name"], interfaces["cardinality"], interfaces["status"]) == (
        "interfaces",
        "MANY",
        "UPDATED",
    )
    assert (interfaces["num_added"], interfaces["num_removed"]) == (1, 1)
    assert {e["peer_id"]: e["status"] for e in interfaces["elements"]} == {new: "ADDED", old: "REMOVED"}


def test_a_change_reverted_on_the_branch_is_no_change(lab: Lab, sites: tuple[str, str]) -> None:
    device = _device(lab, "edge1", sites[0], description={"value": "same"})
    create_branch(lab.store, "undo")
    lab.update("NetDevice", {"id": device, "description": {"value": "changed"}}, branch="undo")
    lab.update("NetDevice", {"id": device, "description": {"value": "same"}}, branch="undo")
    assert update_diff(lab.store, "undo")["nodes"] == []


def test_conflicts_on_an_attribute_and_on_a_cardinality_one_peer(lab: Lab, sites: tuple[str, str]) -> None:
    atl1, atl2 = sites
    atl3 = lab.create(
        "NetSite", {"name": {"value": "atl3"}, "parent": {"id": lab.names_to_ids("NetRegion")["americas"]}}
    )
    device = _device(lab, "edge1", atl1, description={"value": "base"})
    create_branch(lab.store, "both")
    lab.update(
        "NetDevice", {"id": device, "description": {"value": "branch"}, "site": {"id": atl2}}, branch="both"
    )
    lab.update("NetDevice", {"id": device, "description": {"value": "main"}, "site": {"id": atl3}})
    tree = update_diff(lab.store, "both")
    assert tree["num_conflicts"] == 2
    node = _node(tree, device)
    assert (node["contains_conflict"], node["num_conflicts"]) == (True, 2)
    conflict = node["attributes"][0]["properties"][0]["conflict"]
    assert {
        key: conflict[key]
        for key in conflict
        if key not in ("uuid", "base_branch_changed_at", "diff_branch_changed_at")
    } == {
        "base_branch_action": "UPDATED",
        "base_branch_value": "main",
        "base_branch_label": None,
        "diff_branch_action": "UPDATED",
        "diff_branch_value": "branch",
        "diff_branch_label": None,
        "selected_branch": None,
        "resolvable": True,
    }
    [site] = node["relationships"]
    [element_conflict] = [e["conflict"] for e in site["elements"] if e["conflict"]]
    assert (element_conflict["base_branch_label"], element_conflict["diff_branch_label"]) == ("atl3", "atl2")


def test_the_same_change_on_both_sides_is_no_conflict(lab: Lab, sites: tuple[str, str]) -> None:
    device = _device(lab, "edge1", sites[0], description={"value": "base"})
    create_branch(lab.store, "agree")
    lab.update("NetDevice", {"id": device, "description": {"value": "agreed"}}, branch="agree")
    lab.update("NetDevice", {"id": device, "description": {"value": "agreed"}})
    assert update_diff(lab.store, "agree")["num_conflicts"] == 0


def test_update_on_one_side_and_delete_on_the_other_is_a_node_conflict(
    lab: Lab, sites: tuple[str, str]
) -> None:
    kept = _device(lab, "edge1", sites[0])
    dropped = _device(lab, "edge2", sites[0])
    create_branch(lab.store, "versus")
    lab.update("NetDevice", {"id": kept, "description": {"value": "on branch"}}, branch="versus")
    lab.delete("NetDevice", kept)
    lab.delete("NetDevice", dropped, branch="versus")
    lab.update("NetDevice", {"id": dropped, "description": {"value": "on main"}})
    tree = update_diff(lab.store, "versus")
    assert tree["num_conflicts"] == 2
    main_deleted = _node(tree, kept)["conflict"]
    assert (
        main_deleted["base_branch_action"],
        main_deleted["diff_branch_action"],
        main_deleted["resolvable"],
    ) == (
        "REMOVED",
        "UPDATED",
        False,
    )
    branch_deleted = _node(tree, dropped)["conflict"]
    assert (branch_deleted["base_branch_action"], branch_deleted["diff_branch_action"]) == (
        "UPDATED",
        "REMOVED",
    )


def test_constraint_clashes_are_reported_before_the_merge(lab: Lab, sites: tuple[str, str]) -> None:
    atl1, atl2 = sites
    create_branch(lab.store, "clash")
    _device(lab, "twin", atl1, branch="clash")
    _device(lab, "twin", atl1)
    _device(lab, "orphan", atl2, branch="clash")
    lab.delete("NetSite", atl2)
    tree = update_diff(lab.store, "clash")
    assert sorted(
        (v["constraint"], v["kind"], v["label"], v["field"]) for v in tree["constraint_violations"]
    ) == [
        ("mandatory", "NetDevice", "orphan", "site"),
        ("uniqueness", "NetDevice", "twin", "name"),
    ]
