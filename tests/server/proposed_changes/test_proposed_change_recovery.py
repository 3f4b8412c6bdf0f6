"""A merge interrupted by a crash: a change left `merging` is settled from what its branch became,
never left `merging`; and the per-change required approvals."""

from __future__ import annotations

import anyio.to_thread
from change_control_world import ADMIN, ChangeControlWorld

from infrahub_server import branches
from infrahub_server.proposed_changes import settle_interrupted_merges
from infrahub_server.proposed_changes.records import MERGING, set_state
from infrahub_server.settings import load_settings


async def _open(world: ChangeControlWorld, branch: str) -> str:
    await world.create_branch(ADMIN, branch)
    await world.create_tag(ADMIN, f"tag-{branch}", branch=branch)
    opened = await world.open_change(ADMIN, branch, name=branch)
    return str(opened.data["CoreProposedChangeCreate"]["object"]["id"])


async def test_changes_left_merging_are_settled(world: ChangeControlWorld) -> None:
    store = world.server.store
    unmerged = await _open(world, "died-before-merge")
    merged = await _open(world, "died-after-merge")

    def crash_leftovers() -> None:
        # What a process killed mid-merge leaves: the changes marked merging, one branch merged.
        for change_id in (unmerged, merged):
            set_state(store, change_id, MERGING, actor_id=None, message="merging")
        branches.merge_branch(store, "died-after-merge")

    await anyio.to_thread.run_sync(crash_leftovers)
    settled = await anyio.to_thread.run_sync(settle_interrupted_merges, store)

    assert sorted((change.name, change.state) for change in settled) == [
        ("died-after-merge", "merged"),
        ("died-before-merge", "open"),
    ]
    assert (await world.change(unmerged))["state"] == {"value": "open"}
    assert (await world.merge(ADMIN, unmerged)).data == {
        "CoreProposedChangeMerge": {"ok": True, "task": None}
    }


async def test_a_change_left_merging_is_settled_when_touched(world: ChangeControlWorld) -> None:
    change_id = await _open(world, "feature")
    await anyio.to_thread.run_sync(
        lambda: set_state(world.server.store, change_id, MERGING, actor_id=None, message="merging")
    )

    closed = await world.set_state(ADMIN, change_id, "closed")

    assert closed.data["CoreProposedChangeUpdate"]["object"] == {"state": {"value": "closed"}}


async def test_required_approvals_per_change(strict_world: ChangeControlWorld) -> None:
    world = strict_world
    await world.add_user("alice")
    await world.add_user("bob")
    change_id = await _open(world, "feature")
    path = f"/api/proposed-change/{change_id}/approvals"

    assert (await world.rest("bob", "GET", path)).json() == {
        "id": change_id,
        "required_approvals": 1,
        "source": "setting",
    }
    raised = await world.rest("bob", "PUT", path, json={"required_approvals": 2})
    assert raised.json() == {"id": change_id, "required_approvals": 2, "source": "proposed_change"}
    lowered = await world.rest("alice", "PUT", path, json={"required_approvals": 0})
    assert lowered.status_code == 403
    await world.review("bob", change_id, "APPROVE")
    assert (await world.merge(ADMIN, change_id)).error == (
        "Unable to merge the proposed change 'feature': it has 1 of the 2 approvals it requires"
    )
    waived = await world.rest(ADMIN, "PUT", path, json={"required_approvals": None})
    assert waived.json()["source"] == "setting"
    assert (await world.merge(ADMIN, change_id)).data == {
        "CoreProposedChangeMerge": {"ok": True, "task": None}
    }


def test_the_setting_is_read_from_the_environment() -> None:
    variable = "INFRAHUB_POLICY_REQUIRED_PROPOSED_CHANGE_APPROVALS"
    assert load_settings({}).policy_required_proposed_change_approvals == 0
    assert load_settings({variable: "2"}).policy_required_proposed_change_approvals == 2
