"""The artefact validator: the definitions regenerated on the source branch, one check per target
saying whether its artefact changed against main."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import anyio.to_thread
from change_control_world import ADMIN, ChangeControlWorld, checks, validator

from infrahub_server.app import create_app
from infrahub_server.artifacts import generate_artifacts
from infrahub_server.settings import Settings
from tests.server.artifacts.conftest import populate, write_repository
from tests.server.conftest import serving


async def test_artifacts_regenerated_in_the_branch(server_settings: Settings, tmp_path: Path) -> None:
    app = create_app(dataclasses.replace(server_settings, storage_directory=str(tmp_path / "storage")))
    async with serving(app) as client:
        world = ChangeControlWorld(client, app)
        repository = tmp_path / "repository"
        write_repository(repository)
        devices, _ = await anyio.to_thread.run_sync(populate, world.server, repository)
        await anyio.to_thread.run_sync(
            lambda: generate_artifacts(world.server, "startup_config", branch="main")
        )
        await world.create_branch(ADMIN, "renumber")
        await world.data(
            ADMIN,
            "mutation($id: String!) { LabDeviceUpdate(data: {id: $id, asn: {value: 65100}}) { ok } }",
            {"id": devices["leaf1"]},
            branch="renumber",
        )
        opened = await world.open_change(ADMIN, "renumber", name="Renumber leaf1")
        change_id = opened.data["CoreProposedChangeCreate"]["object"]["id"]

        change = await world.validated_change(
            change_id, kinds=("CoreDataValidator", "CoreSchemaValidator", "CoreArtifactValidator")
        )

        artifacts = validator(change, "CoreArtifactValidator")
        assert (artifacts["label"]["value"], artifacts["conclusion"]["value"]) == (
            "Artifact Validator: startup_config",
            "success",
        )
        found = await world.data(
            ADMIN,
            "query($ids: [ID]) { CoreArtifactCheck(ids: $ids) { edges { node {"
            " label { value } changed { value } checksum { value } artifact_id { value } } } } }",
            {"ids": [check["id"] for check in checks(artifacts)]},
        )
        changed = {
            edge["node"]["label"]["value"]: edge["node"]["changed"]["value"]
            for edge in found["CoreArtifactCheck"]["edges"]
        }
        # LabDevice has no display label: Infrahub's default one names the kind and the id.
        assert changed == {
            f"startup_config of LabDevice(ID: {devices[name]})": name == "leaf1"
            for name in ("leaf1", "leaf2", "spine1")
        }
