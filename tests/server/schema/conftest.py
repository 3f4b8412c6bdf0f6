"""Fixtures for schema tests: the golden network schema file as users load it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml


@pytest.fixture
def network_schema(golden_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((golden_dir / "network-schema.yml").read_text())
    return data
