"""The rules of CoreProposedChange writes and of its merge on a server that requires no approval:
states, drafts, one open change per branch, merge through a state update, a failing validator,
and comments and threads as plain node kinds."""

from __future__ import annotations

from change_control_world import ADMIN, ChangeControlWorld, checks, validator


async def _branch_with_tag(world: ChangeControlWorld, branch: str, tag: str) -> None:
    await world.create_branch(ADMIN, branch)
    await world.create_tag(ADMIN, tag, branch=branch)


async def test_creation_rules(world: ChangeControlWorld) -> None:
    await _branch_with_tag(world, "feature", "blue")
    first = (await world.open_change(ADMIN, "feature", name="first")).data["CoreProposedChangeCreate"]
    assert first["object"]["state"] == {"value": "open"}

    assert (await world.open_change(ADMIN, "feature", name="second")).error == (
        f"The branch 'feature' already has an open proposed change: 'first' ({first['object']['id']})"
    )
    assert (await world.open_change(ADMIN, "main")).error == (
        "The source and the destination branch of a proposed change must differ"
    )
    assert (await world.open_change(ADMIN, "nowhere")).error == "Branch: nowhere not found."
    refused = await world.graphql(
        ADMIN,
        'mutation { CoreProposedChangeCreate(data: {name: {value: "x"}, source_branch: {value: "feature"},'
        ' destination_branch: {value: "main"}, state: {value: "merged"}}) { ok } }',
    )
    assert refused.error == "A proposed change is created in state open"
    await world.create_branch(ADMIN, "other")
    refused = await world.graphql(
        ADMIN,
        'mutation { CoreProposedChangeCreate(data: {name: {value: "x"}, source_branch: {value: "other"},'
        ' destination_branch: {value: "feature"}}) { ok } }',
    )
    assert refused.error == (
        "The destination branch of a proposed change must be the default branch, not 'feature'"
    )


async def test_state_transitions(world: ChangeControlWorld) -> None:
    await _branch_with_tag(world, "feature", "blue")
    change_id = (await world.open_change(ADMIN, "feature", name="pc")).data["CoreProposedChangeCreate"][
        "object"
    ]["id"]

    assert (await world.set_state(ADMIN, change_id, "merging")).error == (
        "A proposed change is merged with CoreProposedChangeMerge (or an update of state to merged)"
    )
    assert (await world.set_state(ADMIN, change_id, "closed")).data["CoreProposedChangeUpdate"]["object"] == {
        "state": {"value": "closed"}
    }
    renamed = await world.graphql(
        ADMIN,
        'mutation($id: String!) { CoreProposedChangeUpdate(data: {id: $id, name: {value: "y"}}) { ok } }',
        {"id": change_id},
    )
    assert renamed.error == (
        "The proposed change 'pc' is closed: it can no longer be updated (a closed change may only be reopened or canceled)"
    )
    # While it is closed another change may open on the branch; reopening then is refused.
    other_id = (await world.open_change(ADMIN, "feature", name="pc2")).data["CoreProposedChangeCreate"][
        "object"
    ]["id"]
    assert (await world.set_state(ADMIN, change_id, "open")).error == (
        f"The branch 'feature' already has an open proposed change: 'pc2' ({other_id})"
    )
    assert (await world.set_state(ADMIN, other_id, "canceled")).data
    assert (await world.set_state(ADMIN, change_id, "open")).data["CoreProposedChangeUpdate"]["object"] == {
        "state": {"value": "open"}
    }
    assert (await world.set_state(ADMIN, other_id, "open")).error == (
        "The proposed change 'pc2' is canceled: it can no longer be updated"
    )
    assert (await world.merge(ADMIN, other_id)).error == (
        "The proposed change 'pc2' is canceled: only an open proposed change can be merged"
    )


async def test_draft_is_refused_then_merged_by_state_update(world: ChangeControlWorld) -> None:
    await _branch_with_tag(world, "feature", "blue")
    created = await world.open_change(ADMIN, "feature", name="wip", is_draft=True)
    change_id = created.data["CoreProposedChangeCreate"]["object"]["id"]

    assert (
        await world.merge(ADMIN, change_id)
    ).error == "Unable to merge the proposed change 'wip': it is a draft"
    await world.data(
        ADMIN,
        "mutation($id: String!) { CoreProposedChangeUpdate(data: {id: $id, is_draft: {value: false}}) { ok } }",
        {"id": change_id},
    )
    merged = await world.set_state(ADMIN, change_id, "merged")
    assert merged.data == {"CoreProposedChangeUpdate": {"ok": True, "object": {"state": {"value": "merged"}}}}
    tags = await world.data(ADMIN, '{ BuiltinTag(name__value: "blue") { count } }')
    assert tags == {"BuiltinTag": {"count": 1}}


async def test_a_failing_validator_blocks_the_merge(world: ChangeControlWorld) -> None:
    await world.create_branch(ADMIN, "feature")
    await world.create_tag(ADMIN, "twin", branch="feature")
    await world.create_tag(ADMIN, "twin")
    change_id = (await world.open_change(ADMIN, "feature", name="twins")).data["CoreProposedChangeCreate"][
        "object"
    ]["id"]

    change = await world.validated_change(change_id)
    schema_validator = validator(change, "CoreSchemaValidator")
    assert schema_validator["conclusion"] == {"value": "failure"}
    [clash] = checks(schema_validator)
    assert clash["__typename"] == "CoreSchemaCheck"
    assert clash["severity"] == {"value": "error"}
    assert "twin" in clash["message"]["value"]
    assert (await world.merge(ADMIN, change_id)).error == (
        "Unable to merge the proposed change 'twins': the validator 'Schema Integrity' concluded failure"
    )
    assert (await world.change(change_id))["state"] == {"value": "open"}


async def test_run_check_replaces_the_validators(world: ChangeControlWorld) -> None:
    await _branch_with_tag(world, "feature", "blue")
    change_id = (await world.open_change(ADMIN, "feature")).data["CoreProposedChangeCreate"]["object"]["id"]
    first = validator(await world.validated_change(change_id), "CoreDataValidator")

    ran = await world.data(
        ADMIN,
        "mutation($id: String!) { CoreProposedChangeRunCheck(data: {id: $id, check_type: DATA}) { ok } }",
        {"id": change_id},
    )
    assert ran == {"CoreProposedChangeRunCheck": {"ok": True}}
    after = await world.validated_change(
        change_id, after=first["started_at"]["value"], kinds=("CoreDataValidator",)
    )
    validators = sorted(edge["node"]["__typename"] for edge in after["validations"]["edges"])
    assert validators == ["CoreDataValidator", "CoreSchemaValidator"]


async def test_comments_and_threads(world: ChangeControlWorld) -> None:
    await _branch_with_tag(world, "feature", "blue")
    change_id = (await world.open_change(ADMIN, "feature")).data["CoreProposedChangeCreate"]["object"]["id"]
    await world.data(
        ADMIN,
        'mutation($id: String!) { CoreChangeCommentCreate(data: {text: {value: "looks good"}, change: {id: $id}}) { ok } }',
        {"id": change_id},
    )
    thread = await world.data(
        ADMIN,
        "mutation($id: String!) { CoreObjectThreadCreate(data: {change: {id: $id},"
        ' object_path: {value: "BuiltinTag/blue"}, label: {value: "naming"}}) { object { id } } }',
        {"id": change_id},
    )
    thread_id = thread["CoreObjectThreadCreate"]["object"]["id"]
    await world.data(
        ADMIN,
        'mutation($id: String!) { CoreThreadCommentCreate(data: {text: {value: "why blue?"}, thread: {id: $id}})'
        " { ok } }",
        {"id": thread_id},
    )
    extra = await world.data(
        ADMIN,
        'mutation($id: String!) { CoreThreadCommentCreate(data: {text: {value: "never mind"}, thread: {id: $id}})'
        " { object { id } } }",
        {"id": thread_id},
    )
    await world.data(
        ADMIN,
        "mutation($id: String!) { CoreThreadCommentDelete(data: {id: $id}) { ok } }",
        {"id": extra["CoreThreadCommentCreate"]["object"]["id"]},
    )
    await world.data(
        ADMIN,
        'mutation($id: String!) { CoreChangeThreadCreate(data: {change: {id: $id}, label: {value: "general"}}) { ok } }',
        {"id": change_id},
    )
    data = await world.data(
        ADMIN,
        "query($id: ID!) { CoreProposedChange(ids: [$id]) { edges { node {"
        " total_comments { value } comments { edges { node { text { value } } } }"
        " threads { edges { node { __typename label { value } comments { edges { node { text { value } } } } } } }"
        " } } } }",
        {"id": change_id},
    )
    node = data["CoreProposedChange"]["edges"][0]["node"]
    assert node["comments"] == {"edges": [{"node": {"text": {"value": "looks good"}}}]}
    assert node["total_comments"] == {"value": 2}
    threads = sorted(
        (
            edge["node"]["__typename"],
            edge["node"]["label"]["value"],
            [c["node"]["text"]["value"] for c in edge["node"]["comments"]["edges"]],
        )
        for edge in node["threads"]["edges"]
    )
    assert threads == [("CoreChangeThread", "general", []), ("CoreObjectThread", "naming", ["why blue?"])]


async def test_merging_the_branch_directly_cancels_its_changes(world: ChangeControlWorld) -> None:
    await _branch_with_tag(world, "feature", "blue")
    change_id = (await world.open_change(ADMIN, "feature")).data["CoreProposedChangeCreate"]["object"]["id"]

    await world.data(ADMIN, 'mutation { BranchMerge(data: {name: "feature"}) { ok } }')

    assert (await world.change(change_id))["state"] == {"value": "canceled"}
