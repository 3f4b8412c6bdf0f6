"""Rebase: the branch sees current main, its own changes on top, after the merge's checks."""

from __future__ import annotations

import pytest
from branch_harness import Lab

from infrahub_server.branches import create_branch, rebase_branch, resolve_conflict, update_diff
from infrahub_server.errors import ValidationError


@pytest.fixture
def sites(lab: Lab) -> tuple[str, str]:
    region = lab.create("NetRegion", {"name": {"value": "americas"}})
    atl1 = lab.create("NetSite", {"name": {"value": "atl1"}, "parent": {"id": region}})
    atl2 = lab.create("NetSite", {"name": {"value": "atl2"}, "parent": {"id": region}})
    return atl1, atl2


def test_rebase_shows_main_changes_and_keeps_the_branchs_own(lab: Lab, sites: tuple[str, str]) -> None:
    atl1, _ = sites
    device = lab.create(
        "NetDevice", {"name": {"value": "edge1"}, "role": {"value": "leaf"}, "site": {"id": atl1}}
    )
    created = create_branch(lab.store, "behind")
    lab.update("NetDevice", {"id": device, "description": {"value": "mine"}}, branch="behind")
    lab.update("NetDevice", {"id": device, "asn": {"value": 65000}})
    lab.create("NetDevice", {"name": {"value": "later"}, "role": {"value": "leaf"}, "site": {"id": atl1}})
    assert lab.names("NetDevice", branch="behind") == {"edge1"}
    assert lab.values(device, branch="behind")["asn"] is None
    rebased = rebase_branch(lab.store, "behind")
    assert rebased.branched_from > created.branched_from
    assert lab.names("NetDevice", branch="behind") == {"edge1", "later"}
    assert (
        lab.values(device, branch="behind")["asn"],
        lab.values(device, branch="behind")["description"],
    ) == (
        65000,
        "mine",
    )
    assert lab.values(device)["description"] is None


@pytest.mark.parametrize(("choice", "expected"), [("BASE_BRANCH", "main"), ("DIFF_BRANCH", "branch")])
def test_rebase_needs_resolutions_and_applies_them(
    lab: Lab, sites: tuple[str, str], choice: str, expected: str
) -> None:
    device = lab.create(
        "NetDevice", {"name": {"value": "edge1"}, "role": {"value": "leaf"}, "site": {"id": sites[0]}}
    )
    create_branch(lab.store, "torn")
    lab.update(
        "NetDevice",
        {"id": device, "description": {"value": "branch"}, "site": {"id": sites[1]}},
        branch="torn",
    )
    lab.update("NetDevice", {"id": device, "description": {"value": "main"}})
    with pytest.raises(
        ValidationError, match="Unable to rebase the branch 'torn', conflict resolution missing"
    ):
        rebase_branch(lab.store, "torn")
    tree = update_diff(lab.store, "torn")
    [conflict] = [
        p["conflict"]["uuid"]
        for a in tree["nodes"][0]["attributes"]
        for p in a["properties"]
        if p["conflict"]
    ]
    resolve_conflict(lab.store, conflict, choice)
    rebase_branch(lab.store, "torn")
    assert lab.values(device, branch="torn")["description"] == expected
    assert lab.peers("NetDevice", device, "site", branch="torn") == {sites[1]}
    assert update_diff(lab.store, "torn")["num_conflicts"] == 0


def test_rebase_with_the_branchs_peer_hides_mains_newer_peer(lab: Lab, sites: tuple[str, str]) -> None:
    atl1, atl2 = sites
    region = lab.names_to_ids("NetRegion")["americas"]
    atl3 = lab.create("NetSite", {"name": {"value": "atl3"}, "parent": {"id": region}})
    device = lab.create(
        "NetDevice", {"name": {"value": "edge1"}, "role": {"value": "leaf"}, "site": {"id": atl1}}
    )
    create_branch(lab.store, "peer")
    lab.update("NetDevice", {"id": device, "site": {"id": atl2}}, branch="peer")
    lab.update("NetDevice", {"id": device, "site": {"id": atl3}})
    tree = update_diff(lab.store, "peer")
    [conflict] = [
        e["conflict"]["uuid"]
        for r in tree["nodes"][0]["relationships"]
        for e in r["elements"]
        if e["conflict"]
    ]
    resolve_conflict(lab.store, conflict, "DIFF_BRANCH")
    rebase_branch(lab.store, "peer")
    assert lab.peers("NetDevice", device, "site", branch="peer") == {atl2}
    assert lab.peers("NetDevice", device, "site") == {atl3}
