"""The SDK's artefact calls against the server: `artifact_fetch` reads the stored content,
`artifact_generate` and `definition.generate()` queue the regeneration."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from infrahub_sdk import Config, InfrahubClient
from infrahub_server.artifacts import generate_artifacts
from tests.server.artifacts.conftest import ADMIN, Lab


def _client(app: Starlette) -> InfrahubClient:
    config = Config(address="http://testserver", api_token=ADMIN["X-INFRAHUB-KEY"])
    return InfrahubClient(config=config, transport=httpx.ASGITransport(app=app))


async def test_the_sdk_fetches_and_regenerates_a_device_artifact(app: Starlette, lab: Lab) -> None:
    generate_artifacts(lab.server, "startup_config", branch="main")
    client = _client(app)
    device = await client.get(kind="LabDevice", name__value="leaf2")

    content = await device.artifact_fetch("startup-config")
    await device.artifact_generate("startup-config")

    assert content == "hostname leaf2\nrouter bgp 65001\nsnmp-server location atl1\n"
    task = lab.server.tasks.wait(lab.server.tasks.list(limit=1)[0].id, timeout=30)
    assert task.state == "completed", task.error
    assert (task.result["rendered"], task.result["unchanged"]) == (1, 1)


async def test_the_sdk_regenerates_a_whole_definition(app: Starlette, lab: Lab) -> None:
    client = _client(app)
    definition = await client.get(kind="CoreArtifactDefinition", name__value="startup_config")

    await definition.generate()

    task = lab.server.tasks.wait(lab.server.tasks.list(limit=1)[0].id, timeout=30)
    assert task.state == "completed", task.error
    assert task.result["created"] == 3
