"""The server's tests here keep their object storage in the test's temporary directory, also on
PostgreSQL (where the default would be the working directory)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from starlette.applications import Starlette

from infrahub_server.app import create_app
from infrahub_server.settings import Settings


@pytest.fixture
def storage_settings(server_settings: Settings, tmp_path: Path) -> Settings:
    return dataclasses.replace(server_settings, storage_directory=str(tmp_path / "storage"))


@pytest.fixture
def app(storage_settings: Settings) -> Starlette:
    return create_app(storage_settings)
