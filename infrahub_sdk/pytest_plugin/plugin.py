"""pytest hooks: options, markers, and which files are collected (see `loader`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .loader import MARKER_MAPPING, InfrahubYamlFile


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("infrahub")
    group.addoption("--infrahub-repo-config", dest="infrahub_repo_config", default=None,
                    help="Infrahub configuration file for the repository (default: .infrahub.yml in the current directory)")  # fmt: skip
    group.addoption("--infrahub-address", dest="infrahub_address", default="http://localhost:8000")
    group.addoption("--infrahub-key", dest="infrahub_key", default=os.environ.get("INFRAHUB_API_TOKEN"))
    group.addoption("--infrahub-username", dest="infrahub_username", default=None)
    group.addoption("--infrahub-password", dest="infrahub_password", default=None)
    group.addoption("--infrahub-branch", dest="infrahub_branch", default="main")


def pytest_configure(config: pytest.Config) -> None:
    for marker in (
        "infrahub",
        "infrahub_smoke",
        "infrahub_unit",
        "infrahub_integration",
        *(mark.markname for mark in MARKER_MAPPING.values()),
    ):
        config.addinivalue_line("markers", f"{marker}: Infrahub repository test")


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> InfrahubYamlFile | None:
    if file_path.suffix in {".yml", ".yaml"} and file_path.name.startswith("test_"):
        return InfrahubYamlFile.from_parent(parent, path=file_path)
    return None
