"""Fixtures for the `generators/` repository: its configuration, its schema as the server processes it."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cached_venv import cached_venv
from generators_repository import REPOSITORY, read_yaml

from infrahub_server.schema import core_schema, load_schema_files
from infrahub_server.schema.models import SchemaBranch

# Top-level names the repository's modules import each other by (Infrahub puts its root on sys.path).
REPOSITORY_PACKAGES = ("generators", "transforms", "checks")


@pytest.fixture(scope="session")
def repository_config() -> dict[str, Any]:
    config: dict[str, Any] = read_yaml(REPOSITORY / ".infrahub.yml")
    return config


@pytest.fixture(scope="session")
def network_schema(repository_config: dict[str, Any]) -> SchemaBranch:
    files = [read_yaml(REPOSITORY / path) for path in repository_config["schemas"]]
    return load_schema_files(core_schema(), files).schema


@pytest.fixture
def repository_on_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The repository root on sys.path, as Infrahub runs its Python files; its modules forgotten afterwards."""
    monkeypatch.syspath_prepend(str(REPOSITORY))
    yield REPOSITORY
    for name in list(sys.modules):
        if name.split(".")[0] in REPOSITORY_PACKAGES:
            del sys.modules[name]


# OpsMill's tools share the `infrahub_sdk` import name with ours, so they run from a virtualenv of
# their own, created once outside the repository.
OFFICIAL_PACKAGES = ("infrahub-sdk[ctl]==1.23.2", "pytest>=8.3,<9")


@pytest.fixture(scope="session")
def official_venv() -> Path:
    return cached_venv("official-pytest", OFFICIAL_PACKAGES)


@pytest.fixture
def template_copy(tmp_path: Path) -> Path:
    """The repository copied as a user copies the template."""
    copy = tmp_path / "my-network"
    shutil.copytree(REPOSITORY, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy
