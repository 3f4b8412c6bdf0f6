"""`infrahubctl branch report` against a server subprocess."""

from __future__ import annotations

import subprocess
import sys

import pytest

from infrahub_sdk import InfrahubClientSync

from .harness import LiveServer

pytestmark = pytest.mark.e2e


def test_report_shows_the_branch_and_its_diff(
    live_server: LiveServer, sync_client: InfrahubClientSync
) -> None:
    sync_client.branch.create("report-me", description="one new role", wait_until_completion=True)
    sync_client.create(kind="NetDeviceRole", branch="report-me", name="border").save()
    result = subprocess.run(
        [sys.executable, "-c", "from infrahub_sdk.ctl.cli import main; main()", "branch", "report", "report-me", "--update-diff"],
        env=live_server.env(COLUMNS="200"), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "one new role" in result.stdout
    assert "Added" in result.stdout
    assert "NetDeviceRole" in result.stdout
    assert "border" in result.stdout
    assert "Git Files Changed" in result.stdout
    assert "No proposed changes for this branch" in result.stdout

    sync_client.create(
        kind="CoreProposedChange",
        name="add border role",
        source_branch="report-me",
        destination_branch="main",
    ).save()
    again = subprocess.run(
        [sys.executable, "-c", "from infrahub_sdk.ctl.cli import main; main()", "branch", "report", "report-me"],
        env=live_server.env(COLUMNS="200"), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Proposed change: add border role" in again.stdout
    assert "open" in again.stdout
    assert "Admin" in again.stdout
