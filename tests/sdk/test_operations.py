"""Checks and transforms run on data given to them (no server needed for that)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from infrahub_sdk import InfrahubClient
from infrahub_sdk.checks import InfrahubCheck
from infrahub_sdk.node import InfrahubNode
from infrahub_sdk.transforms import InfrahubTransform

DATA = {
    "data": {
        "InfraDevice": {"edges": [{"node": {"name": {"value": "r1"}}}, {"node": {"name": {"value": ""}}}]}
    }
}


class NamedDevices(InfrahubCheck):
    query = "devices"

    def validate(self, data: dict[str, Any]) -> None:
        for edge in data["InfraDevice"]["edges"]:
            if not edge["node"]["name"]["value"]:
                self.log_error("a device has no name", object_type="InfraDevice")


class DeviceNames(InfrahubTransform):
    query = "devices"

    async def transform(self, data: dict[str, Any]) -> str:
        return ",".join(edge["node"]["name"]["value"] for edge in data["InfraDevice"]["edges"])


async def test_check_fails_when_it_logged_an_error() -> None:
    check = NamedDevices(branch="feat")
    assert await check.run(data=DATA) is False
    assert check.errors == [
        {"level": "ERROR", "message": "a device has no name", "branch": "feat", "object_type": "InfraDevice"}
    ]
    assert "Message: a device has no name" in check.log_entries


async def test_check_passes_and_says_so() -> None:
    check = NamedDevices(branch="main")
    assert await check.run(data={"InfraDevice": {"edges": []}}) is True
    assert [log["message"] for log in check.logs] == ["Check succesfully completed"]


def test_check_needs_a_query() -> None:
    class NoQuery(InfrahubCheck):
        def validate(self, data: dict[str, Any]) -> None:
            """Nothing to look at."""

    with pytest.raises(ValueError, match="A query must be provided"):
        NoQuery()


async def test_transform_runs_sync_or_async_and_reads_the_branch_from_git(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/feature-x\n")
    transform = DeviceNames(client=InfrahubClient(), infrahub_node=InfrahubNode, root_directory=str(tmp_path))
    assert transform.branch_name == "feature-x"
    assert transform.client.default_branch == "feature-x"
    assert await transform.run(data=DATA) == "r1,"
