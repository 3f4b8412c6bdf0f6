"""The change-control flow with three accounts on a server that requires one approval: validators,
a conflict that blocks the merge until decided, self-review refused, an approval revoked by a later
commit, and the merge."""

from __future__ import annotations

from change_control_world import ADMIN, ChangeControlWorld, checks, validator

UPDATE_CHECK = "mutation($id: String!, $keep: String) { CoreDataCheckUpdate(data: {id: $id, keep_branch: {value: $keep}}) { ok } }"


async def test_three_accounts_from_open_to_merged(strict_world: ChangeControlWorld) -> None:
    world = strict_world
    alice = await world.add_user("alice")
    bob = await world.add_user("bob")
    await world.add_user("carol")
    edge = await world.create_tag(ADMIN, "edge", description="before")

    await world.create_branch("alice", "add-atl2")
    await world.describe_tag("alice", edge, "from the branch", branch="add-atl2")
    new_tag = await world.create_tag("alice", "atl2", branch="add-atl2")
    await world.describe_tag(ADMIN, edge, "from main")

    opened = (await world.open_change("alice", "add-atl2", name="Add atl2")).data["CoreProposedChangeCreate"]
    assert opened["object"]["state"] == {"value": "open"}
    change_id = opened["object"]["id"]

    change = await world.validated_change(change_id)
    data = validator(change, "CoreDataValidator")
    assert (data["label"]["value"], data["conclusion"]["value"]) == ("Data Integrity", "failure")
    assert data["started_at"]["value"] < data["completed_at"]["value"]
    [conflict] = checks(data)
    assert conflict["__typename"] == "CoreDataCheck"
    assert conflict["keep_branch"] == {"value": None}
    assert conflict["conflicts"]["value"][0]["base_branch_value"] == "from main"
    assert conflict["conflicts"]["value"][0]["diff_branch_value"] == "from the branch"
    schema_validator = validator(change, "CoreSchemaValidator")
    assert (schema_validator["state"]["value"], schema_validator["conclusion"]["value"]) == (
        "completed",
        "success",
    )

    refused = await world.merge("alice", change_id)
    assert refused.error == (
        "Unable to merge the proposed change 'Add atl2': no decision on the conflict "
        f"Conflict on BuiltinTag 'edge' ({edge}) description; it has 0 of the 1 approvals it requires"
    )

    assert (await world.review("alice", change_id, "APPROVE")).error == (
        "You cannot review your own proposed change 'Add atl2'"
    )
    assert (await world.review("bob", change_id, "APPROVE")).data == {
        "CoreProposedChangeReview": {"ok": True}
    }
    assert (await world.review("carol", change_id, "REJECT")).data == {
        "CoreProposedChangeReview": {"ok": True}
    }
    assert (await world.review("carol", change_id, "CANCEL_REJECT")).data == {
        "CoreProposedChangeReview": {"ok": True}
    }
    change = await world.change(change_id)
    assert [e["node"]["id"] for e in change["approved_by"]["edges"]] == [bob]
    assert change["rejected_by"]["edges"] == []

    refused = await world.merge("alice", change_id)
    assert refused.error == (
        "Unable to merge the proposed change 'Add atl2': no decision on the conflict "
        f"Conflict on BuiltinTag 'edge' ({edge}) description"
    )
    assert await world.data("alice", UPDATE_CHECK, {"id": conflict["id"], "keep": "source"})

    # A commit after the approval revokes it: the approval was for what the branch was then.
    await world.create_tag("alice", "atl2-spare", branch="add-atl2")
    refused = await world.merge("alice", change_id)
    assert (
        refused.error
        == "Unable to merge the proposed change 'Add atl2': it has 0 of the 1 approvals it requires"
    )
    assert (await world.change(change_id))["approved_by"]["edges"] == []

    assert (await world.review("bob", change_id, "APPROVE")).data == {
        "CoreProposedChangeReview": {"ok": True}
    }
    merged = await world.merge("alice", change_id)
    assert merged.data == {"CoreProposedChangeMerge": {"ok": True, "task": None}}

    assert (await world.change(change_id))["state"] == {"value": "merged"}
    assert await world.tag_description(edge) == "from the branch"
    assert await world.tag_description(new_tag) == ""
    branch = await world.data(ADMIN, '{ Branch(name: "add-atl2") { status } }')
    assert branch == {"Branch": [{"status": "MERGED"}]}
    assert (await world.set_state("alice", change_id, "closed")).error == (
        "The proposed change 'Add atl2' is merged: it can no longer be updated"
    )
    created = await world.data(
        ADMIN,
        "query($id: ID!) { CoreProposedChange(ids: [$id]) { edges { node_metadata { created_by { id } } } } }",
        {"id": change_id},
    )
    assert created["CoreProposedChange"]["edges"] == [{"node_metadata": {"created_by": {"id": alice}}}]
