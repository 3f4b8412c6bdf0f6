"""node_history: every change of one node, on every branch, with actor and old and new values."""

from __future__ import annotations

from branch_harness import Lab

from infrahub_server.branches import create_branch, merge_branch, node_history


def test_history_lists_each_change_with_actor_branch_and_values(lab: Lab) -> None:
    region = lab.create("NetRegion", {"name": {"value": "americas"}, "description": {"value": "v1"}})
    create_branch(lab.store, "story")
    lab.update("NetRegion", {"id": region, "description": {"value": "v2"}}, branch="story")
    merge_branch(lab.store, "story", actor_id="merger")
    lab.delete("NetRegion", region)
    changes = [
        (entry.branch, entry.actor_id, entry.field, entry.action, entry.old_value, entry.new_value)
        for entry in node_history(lab.store, region)
        if entry.field in ("node", "description")
    ]
    assert changes == [
        ("main", "tester", "description", "ADDED", None, "v1"),
        ("main", "tester", "node", "ADDED", None, "NetRegion"),
        ("story", "tester", "description", "UPDATED", "v1", "v2"),
        ("main", "merger", "description", "UPDATED", "v1", "v2"),
        ("main", "tester", "description", "REMOVED", "v2", None),
        ("main", "tester", "node", "REMOVED", "NetRegion", None),
    ]
    assert [entry.branch for entry in node_history(lab.store, region, branch="story")] == ["story"]
    merged = next(entry for entry in node_history(lab.store, region) if entry.actor_id == "merger")
    assert merged.message == "Merge branch story"
