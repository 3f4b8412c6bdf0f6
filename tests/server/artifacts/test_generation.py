"""Generating artefacts: one per target member, content in object storage, unchanged content not
rewritten, failures recorded on the artefact, and the REST routes around them."""

from __future__ import annotations

import hashlib
from typing import Any

from infrahub_server.artifacts import generate_artifacts
from infrahub_server.nodes.service import NodeService
from infrahub_server.store import Snapshot
from tests.server.artifacts.conftest import ADMIN, Lab

ARTIFACTS_QUERY = """
query {
  CoreArtifact {
    edges { node { id name { value } status { value } checksum { value } storage_id { value }
                   content_type { value } parameters { value } object { node { id } } } }
  }
}
"""


async def _artifacts(lab: Lab, branch: str = "main") -> dict[str, dict[str, Any]]:
    """The artefacts by target id, each as {attribute: value}."""
    response = await lab.client.post(f"/graphql/{branch}", json={"query": ARTIFACTS_QUERY}, headers=ADMIN)
    found = {}
    for edge in response.json()["data"]["CoreArtifact"]["edges"]:
        node = edge["node"]
        values = {
            name: field["value"]
            for name, field in node.items()
            if isinstance(field, dict) and "value" in field
        }
        found[node["object"]["node"]["id"]] = {"id": node["id"], **values}
    return found


async def test_every_target_gets_its_rendered_artifact(lab: Lab) -> None:
    report = generate_artifacts(lab.server, "startup_config", branch="main")

    assert (report.created, report.failed) == (3, 0)
    artifacts = await _artifacts(lab)
    assert set(artifacts) == set(lab.devices.values())
    leaf1 = artifacts[lab.devices["leaf1"]]
    expected = "hostname leaf1\nrouter bgp 65000\nsnmp-server location atl1\n"
    assert leaf1 | {"id": None, "storage_id": None} == {
        "id": None,
        "name": "startup-config",
        "status": "Ready",
        "checksum": hashlib.md5(expected.encode()).hexdigest(),
        "storage_id": None,
        "content_type": "text/plain",
        "parameters": {"device": "leaf1"},
    }
    content = await lab.client.get(f"/api/artifact/{leaf1['id']}", headers=ADMIN)
    assert content.status_code == 200
    assert content.text == expected
    assert content.headers["content-type"].startswith("text/plain")
    stored = await lab.client.get(f"/api/storage/object/{leaf1['storage_id']}", headers=ADMIN)
    assert stored.text == expected


async def test_regenerating_unchanged_content_writes_nothing(lab: Lab) -> None:
    generate_artifacts(lab.server, "startup_config", branch="main")
    before = lab.server.store.latest_change("main")

    again = generate_artifacts(lab.server, "startup_config", branch="main")

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    after = lab.server.store.latest_change("main")
    assert after == before


async def test_a_changed_target_gets_a_new_checksum(lab: Lab) -> None:
    generate_artifacts(lab.server, "startup_config", branch="main")
    first = await _artifacts(lab)
    schema = lab.server.schemas.for_branch_name("main")
    with lab.server.store.change_set("main", actor_id=None) as writer:
        NodeService(schema, writer).update("LabDevice", {"id": lab.devices["leaf2"], "asn": {"value": 65100}})

    report = generate_artifacts(lab.server, "startup_config", branch="main", nodes=[lab.devices["leaf2"]])

    assert (report.updated, report.unchanged, report.rendered) == (1, 0, 1)
    second = await _artifacts(lab)
    leaf2 = lab.devices["leaf2"]
    assert second[leaf2]["checksum"] != first[leaf2]["checksum"]
    assert second[leaf2]["id"] == first[leaf2]["id"]
    content = await lab.client.get(f"/api/artifact/{second[leaf2]['id']}", headers=ADMIN)
    assert "router bgp 65100" in content.text


async def test_a_template_error_marks_the_artifacts_as_errors(lab: Lab) -> None:
    lab.write("device.j2", "hostname {{ data.LabDevice.edges[0].node.missing.value }}\n")

    report = generate_artifacts(lab.server, "startup_config", branch="main")

    assert (report.created, report.failed) == (0, 3)
    assert "missing" in report.errors[lab.devices["leaf1"]]
    assert {found["status"] for found in (await _artifacts(lab)).values()} == {"Error"}


async def test_a_target_leaving_the_group_loses_its_artifact(lab: Lab) -> None:
    generate_artifacts(lab.server, "startup_config", branch="main")
    schema = lab.server.schemas.for_branch_name("main")
    with lab.server.store.change_set("main", actor_id=None) as writer:
        service = NodeService(schema, writer)
        group_id, _ = service.upsert("CoreStandardGroup", {"name": {"value": "lab_devices"}})
        service.relationship_remove(group_id, "members", [{"id": lab.devices["spine1"]}])

    report = generate_artifacts(lab.server, "startup_config", branch="main")

    assert (report.deleted, report.unchanged) == (1, 2)
    assert set(await _artifacts(lab)) == {lab.devices["leaf1"], lab.devices["leaf2"]}


async def test_the_generate_route_queues_generation_for_the_given_nodes(lab: Lab) -> None:
    with lab.server.store.reader(Snapshot("main")) as reader:
        definition_id = reader.find_node_ids(["CoreArtifactDefinition"])[0]

    response = await lab.client.post(
        f"/api/artifact/generate/{definition_id}", json={"nodes": [lab.devices["leaf1"]]}, headers=ADMIN
    )

    assert response.status_code == 200
    assert response.json() is None
    task = lab.server.tasks.list(limit=1)[0]
    finished = lab.server.tasks.wait(task.id, timeout=30)
    assert finished.state == "completed", finished.error
    assert set(await _artifacts(lab)) == {lab.devices["leaf1"]}


async def test_the_generate_route_needs_a_session(lab: Lab) -> None:
    response = await lab.client.post("/api/artifact/generate/startup_config", json={})

    assert response.status_code == 401


async def test_a_failing_template_is_logged_on_the_task(lab: Lab) -> None:
    lab.write("device.j2", "{{ data.LabDevice.edges[0].node.missing.value }}\n")

    response = await lab.client.post("/api/artifact/generate/startup_config", json={}, headers=ADMIN)

    assert response.status_code == 200
    task = lab.server.tasks.wait(lab.server.tasks.list(limit=1)[0].id, timeout=30)
    assert task.state == "completed"
    assert task.result["failed"] == 3
    errors = [log.message for log in lab.server.tasks.logs(task.id) if log.severity == "error"]
    assert len(errors) == 3
    assert all("missing" in message for message in errors)
