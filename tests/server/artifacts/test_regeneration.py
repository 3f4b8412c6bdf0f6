"""After a merge into main, only the artefacts whose rendering read a changed node (or whose
target changed or joined the group) are rendered again, in a task of the "artifact" stage."""

from __future__ import annotations

from typing import Any

from infrahub_server.artifacts import generate_artifacts
from infrahub_server.artifacts.regeneration import affected_targets
from infrahub_server.tasks import TaskRecord
from tests.server.artifacts.conftest import ADMIN, Lab


async def _graphql(lab: Lab, query: str, branch: str = "main") -> dict[str, Any]:
    response = await lab.client.post(f"/graphql/{branch}", json={"query": query}, headers=ADMIN)
    body = response.json()
    assert not body.get("errors"), body
    return dict(body["data"])


async def _merge(lab: Lab, branch: str) -> TaskRecord:
    """Merge `branch` and wait for the regeneration it queues."""
    await _graphql(lab, f'mutation {{ BranchMerge(data: {{name: "{branch}"}}) {{ ok }} }}')
    queued = lab.server.tasks.list(name="artifact.regenerate-changed", limit=1)
    assert len(queued) == 1
    return lab.server.tasks.wait(queued[0].id, timeout=60)


async def _branch(lab: Lab, name: str) -> None:
    await _graphql(lab, f'mutation {{ BranchCreate(data: {{name: "{name}"}}) {{ ok }} }}')


async def test_a_one_device_merge_regenerates_one_artifact(lab: Lab) -> None:
    generate_artifacts(lab.server, "startup_config", branch="main")
    await _branch(lab, "asn-change")
    leaf1 = lab.devices["leaf1"]
    await _graphql(
        lab,
        f'mutation {{ LabDeviceUpdate(data: {{id: "{leaf1}", asn: {{value: 65500}}}}) {{ ok }} }}',
        "asn-change",
    )

    task = await _merge(lab, "asn-change")

    assert task.state == "completed", task.error
    assert task.stage == "artifact"
    assert task.result["rendered"] == 1
    assert [(d["updated"], d["unchanged"]) for d in task.result["definitions"]] == [(1, 0)]


async def test_a_node_every_rendering_read_regenerates_them_all(lab: Lab) -> None:
    generate_artifacts(lab.server, "startup_config", branch="main")

    affected = affected_targets(lab.server, "main", [lab.site_id])

    assert [sorted(targets or []) for targets in affected.values()] == [sorted(lab.devices.values())]


async def test_a_new_group_member_gets_its_artifact_after_the_merge(lab: Lab) -> None:
    generate_artifacts(lab.server, "startup_config", branch="main")
    await _branch(lab, "new-leaf")
    created = await _graphql(
        lab,
        'mutation { LabDeviceCreate(data: {name: {value: "leaf3"}, asn: {value: 65010}}) { object { id } } }',
        "new-leaf",
    )
    leaf3 = created["LabDeviceCreate"]["object"]["id"]
    groups = await _graphql(
        lab, 'query { CoreStandardGroup(name__value: "lab_devices") { edges { node { id } } } }'
    )
    group_id = groups["CoreStandardGroup"]["edges"][0]["node"]["id"]
    add = f'mutation {{ RelationshipAdd(data: {{id: "{group_id}", name: "members", nodes: [{{id: "{leaf3}"}}]}}) {{ ok }} }}'
    await _graphql(lab, add, "new-leaf")

    task = await _merge(lab, "new-leaf")

    assert task.state == "completed", task.error
    assert (task.result["rendered"], task.result["definitions"][0]["created"]) == (1, 1)


async def test_unrelated_changes_regenerate_nothing(lab: Lab) -> None:
    generate_artifacts(lab.server, "startup_config", branch="main")

    assert affected_targets(lab.server, "main", ["00000000-0000-0000-0000-000000000000"]) == {}
