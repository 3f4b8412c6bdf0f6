"""Fixtures: git repositories made in the test's temporary directory."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from infrahub_server.settings import Settings
from tests.server.repositories.repository_helpers import GENERATORS, GitRepository


@pytest.fixture
def git_repository(tmp_path: Path) -> GitRepository:
    return GitRepository(tmp_path / "source")


@pytest.fixture
def generators_repository(tmp_path: Path) -> GitRepository:
    """A git copy of the project's example repository `generators/`, committed once."""
    repository = GitRepository(tmp_path / "generators")
    shutil.copytree(
        GENERATORS, repository.path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "tests")
    )
    repository.commit("generators")
    return repository


@pytest.fixture
def server_settings(server_settings: Settings, tmp_path: Path) -> Settings:
    """The server's settings with its clones in the test's directory, also on PostgreSQL (whose
    default is the working directory)."""
    return replace(server_settings, git_repositories_directory=str(tmp_path / "repositories"))
