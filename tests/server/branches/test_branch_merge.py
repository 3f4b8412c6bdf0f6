"""Merge: isolation until then, one change set at one timestamp, conflicts and constraints first."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from branch_harness import Lab
from crash_harness import main_checksum
from sqlalchemy import func, select

from infrahub_server.branches import (
    create_branch,
    merge_branch,
    node_history,
    resolve_conflict,
    update_diff,
)
from infrahub_server.errors import BranchStateError, ValidationError
from infrahub_server.store import AttributeRecord, tables


@pytest.fixture
def site(lab: Lab) -> str:
    region = lab.create("NetRegion", {"name": {"value": "americas"}})
    return lab.create("NetSite", {"name": {"value": "atl1"}, "parent": {"id": region}})


def _device(lab: Lab, name: str, site: str, branch: str = "main", **fields: Any) -> str:
    data = {"name": {"value": name}, "role": {"value": "leaf"}, "site": {"id": site}, **fields}
    return lab.create("NetDevice", data, branch=branch)


def _conflict_ids(tree: dict[str, Any]) -> list[str]:
    found = []
    for node in tree["nodes"]:
        if node["conflict"]:
            found.append(node["conflict"]["uuid"])
        for attribute in node["attributes"]:
            found += [p["conflict"]["uuid"] for p in attribute["properties"] if p["conflict"]]
        for relationship in node["relationships"]:
            found += [e["conflict"]["uuid"] for e in relationship["elements"] if e["conflict"]]
    return found


def test_isolation_both_ways_until_merge(lab: Lab, site: str) -> None:
    create_branch(lab.store, "iso")
    _device(lab, "on-branch", site, branch="iso")
    _device(lab, "on-main", site)
    assert lab.names("NetDevice") == {"on-main"}
    assert lab.names("NetDevice", branch="iso") == {"on-branch"}
    merge_branch(lab.store, "iso")
    assert lab.names("NetDevice") == {"on-main", "on-branch"}
    assert lab.names("NetDevice", branch="iso") == {"on-branch"}


def test_merge_lands_as_one_change_set_at_one_timestamp(lab: Lab, site: str) -> None:
    existing = _device(lab, "edge1", site)
    create_branch(lab.store, "bulk")
    for index in range(5):
        _device(lab, f"new{index}", site, branch="bulk")
    lab.update("NetDevice", {"id": existing, "description": {"value": "changed"}}, branch="bulk")
    with lab.store.engine.connect() as connection:
        change = tables.change_set
        before = connection.execute(
            select(func.max(change.c.id)).where(change.c.branch == "main")
        ).scalar_one()
    merge_branch(lab.store, "bulk", actor_id="merger")
    with lab.store.engine.connect() as connection:
        sets = connection.execute(select(change).where(change.c.branch == "main", change.c.id > before)).all()
        assert [(row.actor_id, row.message) for row in sets] == [("merger", "Merge branch bulk")]
        stamps = set()
        for table in (tables.node, tables.attribute, tables.edge):
            stamps |= set(
                connection.execute(select(table.c.from_at).where(table.c.from_cs == sets[0].id)).scalars()
            )
        assert len(stamps) == 1
    assert lab.names("NetDevice") == {"edge1", "new0", "new1", "new2", "new3", "new4"}
    assert lab.values(existing)["description"] == "changed"
    history = [entry for entry in node_history(lab.store, existing) if entry.branch == "main"]
    assert (history[-1].field, history[-1].old_value, history[-1].new_value, history[-1].actor_id) == (
        "description",
        None,
        "changed",
        "merger",
    )


def test_a_merged_branch_cannot_be_merged_again(lab: Lab, site: str) -> None:
    create_branch(lab.store, "once")
    _device(lab, "edge1", site, branch="once")
    assert merge_branch(lab.store, "once").status == "MERGED"
    with pytest.raises(BranchStateError) as refused:
        merge_branch(lab.store, "once")
    assert refused.value.code == "BRANCH_ALREADY_MERGED"


@pytest.mark.parametrize(("choice", "expected"), [("BASE_BRANCH", "main"), ("DIFF_BRANCH", "branch")])
def test_conflict_refuses_the_merge_until_resolved(lab: Lab, site: str, choice: str, expected: str) -> None:
    device = _device(lab, "edge1", site, description={"value": "base"})
    create_branch(lab.store, "fight")
    lab.update(
        "NetDevice",
        {"id": device, "description": {"value": "branch"}, "asn": {"value": 65001}},
        branch="fight",
    )
    lab.update("NetDevice", {"id": device, "description": {"value": "main"}})
    untouched = main_checksum(lab.store)
    with pytest.raises(ValidationError) as refused:
        merge_branch(lab.store, "fight")
    assert refused.value.message == (
        f"Unable to merge the branch 'fight', conflict resolution missing: NetDevice 'edge1' ({device}) description"
    )
    assert main_checksum(lab.store) == untouched
    assert lab.store.get_branch("fight").status == "OPEN"
    [conflict] = _conflict_ids(update_diff(lab.store, "fight"))
    resolve_conflict(lab.store, conflict, choice)
    merge_branch(lab.store, "fight")
    assert (lab.values(device)["description"], lab.values(device)["asn"]) == (expected, 65001)


def test_a_resolution_lapses_when_the_values_change(lab: Lab, site: str) -> None:
    device = _device(lab, "edge1", site, description={"value": "base"})
    create_branch(lab.store, "moving")
    lab.update("NetDevice", {"id": device, "description": {"value": "branch"}}, branch="moving")
    lab.update("NetDevice", {"id": device, "description": {"value": "main"}})
    [conflict] = _conflict_ids(update_diff(lab.store, "moving"))
    resolve_conflict(lab.store, conflict, "DIFF_BRANCH")
    lab.update("NetDevice", {"id": device, "description": {"value": "main again"}})
    tree = update_diff(lab.store, "moving")
    assert tree["nodes"][0]["attributes"][0]["properties"][0]["conflict"]["selected_branch"] is None
    with pytest.raises(ValidationError, match="conflict resolution missing"):
        merge_branch(lab.store, "moving")


def test_node_conflicts_follow_the_choice(lab: Lab, site: str) -> None:
    kept_on_main = _device(lab, "keep", site)
    removed = _device(lab, "gone", site)
    create_branch(lab.store, "nodes")
    lab.delete("NetDevice", kept_on_main, branch="nodes")
    lab.delete("NetDevice", removed, branch="nodes")
    lab.update("NetDevice", {"id": kept_on_main, "description": {"value": "still used"}})
    lab.update("NetDevice", {"id": removed, "description": {"value": "edited"}})
    tree = update_diff(lab.store, "nodes")
    choices = {node["uuid"]: node["conflict"]["uuid"] for node in tree["nodes"] if node["conflict"]}
    resolve_conflict(lab.store, choices[kept_on_main], "BASE_BRANCH")
    resolve_conflict(lab.store, choices[removed], "DIFF_BRANCH")
    merge_branch(lab.store, "nodes")
    assert lab.names("NetDevice") == {"keep"}
    assert lab.values(kept_on_main)["description"] == "still used"


def test_keeping_changes_to_a_node_main_deleted_is_refused(lab: Lab, site: str) -> None:
    device = _device(lab, "edge1", site)
    create_branch(lab.store, "stale")
    lab.update("NetDevice", {"id": device, "description": {"value": "late"}}, branch="stale")
    lab.delete("NetDevice", device)
    [conflict] = _conflict_ids(update_diff(lab.store, "stale"))
    with pytest.raises(ValidationError, match="cannot be kept"):
        resolve_conflict(lab.store, conflict, "DIFF_BRANCH")
    resolve_conflict(lab.store, conflict, "BASE_BRANCH")
    merge_branch(lab.store, "stale")
    assert lab.values(device) is None


def test_constraint_clashes_refuse_the_merge_naming_objects_and_fields(lab: Lab, site: str) -> None:
    create_branch(lab.store, "dup")
    _device(lab, "twin", site, branch="dup")
    _device(lab, "twin", site)
    untouched = main_checksum(lab.store)
    with pytest.raises(ValidationError) as refused:
        merge_branch(lab.store, "dup")
    assert "NetDevice 'twin': violates uniqueness constraint 'name'" in refused.value.message
    assert main_checksum(lab.store) == untouched
    assert lab.store.get_branch("dup").status == "OPEN"


def test_cardinality_one_peer_replaced_on_merge(lab: Lab, site: str) -> None:
    region = lab.names_to_ids("NetRegion")["americas"]
    other = lab.create("NetSite", {"name": {"value": "atl2"}, "parent": {"id": region}})
    device = _device(lab, "edge1", site)
    create_branch(lab.store, "move")
    lab.update("NetDevice", {"id": device, "site": {"id": other}}, branch="move")
    merge_branch(lab.store, "move")
    assert lab.peers("NetDevice", device, "site") == {other}


def test_local_rows_are_never_merged(lab: Lab, site: str) -> None:
    create_branch(lab.store, "local")
    with lab.store.change_set("local", actor_id=None) as writer:
        artifact = writer.create_node(
            "CoreArtifact", scope="local", attributes={"name": AttributeRecord("cfg")}
        )
    _device(lab, "edge1", site, branch="local")
    merge_branch(lab.store, "local")
    assert lab.values(artifact) is None
    assert lab.values(artifact, branch="local") == {"name": "cfg"}


def test_time_travel_before_and_after_the_merge(lab: Lab, site: str) -> None:
    create_branch(lab.store, "travel")
    device = _device(lab, "edge1", site, branch="travel", description={"value": "v1"})
    lab.update("NetDevice", {"id": device, "description": {"value": "v2"}}, branch="travel")
    before_merge = lab.store.latest_change("main").at  # type: ignore[union-attr]
    merge_branch(lab.store, "travel")
    merged_at = lab.store.latest_change("main").at  # type: ignore[union-attr]
    assert lab.values(device, at=before_merge) is None
    assert lab.values(device, at=merged_at)["description"] == "v2"
    first = next(
        e.at for e in node_history(lab.store, device) if e.branch == "travel" and e.new_value == "v1"
    )
    assert lab.values(device, branch="travel", at=first)["description"] == "v1"
    assert lab.values(device, branch="travel", at=first - timedelta(microseconds=1)) is None
    assert lab.values(device, branch="travel")["description"] == "v2"
