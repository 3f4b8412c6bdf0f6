"""Real Ansible against a real server: the collection on ANSIBLE_COLLECTIONS_PATH, a server subprocess
on a free loopback port with a temporary SQLite file, and an `ansible` runner."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ansible_harness import (
    COLLECTION_SOURCE,
    Ansible,
    RunningServer,
)
from live_server import running_server


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding `ansible_collections/infrahub/lite`, linked to the repository's collection."""
    root = tmp_path_factory.mktemp("collections")
    namespace = root / "ansible_collections" / "infrahub"
    namespace.mkdir(parents=True)
    (namespace / "lite").symlink_to(COLLECTION_SOURCE, target_is_directory=True)
    return root


@pytest.fixture(scope="session")
def ansible_env(collections_path: Path) -> dict[str, str]:
    """Environment for ansible-* subprocesses: our collection only, no user configuration."""
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("INFRAHUB_", "ANSIBLE_"))
    }
    env.update(
        ANSIBLE_COLLECTIONS_PATH=str(collections_path),
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_INVENTORY_ENABLED="infrahub.lite.inventory,host_list",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_NOCOLOR="true",
        ANSIBLE_HOME=str(collections_path / "home"),
    )
    return env


@pytest.fixture(scope="module")
def infrahub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """`infrahub-server start` on a new SQLite file; one per test module."""
    with running_server(tmp_path_factory.mktemp("server")) as live:
        yield RunningServer(address=live.address, token=live.token)


@pytest.fixture
def ansible(ansible_env: dict[str, str], tmp_path: Path) -> Ansible:
    return Ansible(env=ansible_env, cwd=tmp_path)


@pytest.fixture
def server_env(infrahub_server: RunningServer) -> dict[str, str]:
    """The variables that point the collection at the test server."""
    return {"INFRAHUB_ADDRESS": infrahub_server.address, "INFRAHUB_API_TOKEN": infrahub_server.token}
