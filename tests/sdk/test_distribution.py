"""The one-line notice when OpsMill's `infrahub-sdk` is installed beside ours, and `__version__`."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import infrahub_sdk
from infrahub_sdk import _distribution


def test_version_without_opsmill_distribution() -> None:
    assert infrahub_sdk.__version__ == metadata.version("infrahub-lite")
    assert _distribution.installed_version("infrahub-sdk") is None
    assert _distribution.shadow_warning() is None


def test_notice_names_the_fix_when_both_are_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    real_version = metadata.version

    def version(name: str) -> str:
        return "1.23.2" if name == "infrahub-sdk" else real_version(name)

    monkeypatch.setattr(metadata, "version", version)
    notice = _distribution.shadow_warning()
    assert notice is not None
    assert "\n" not in notice
    assert "infrahub-sdk 1.23.2" in notice
    assert "pip uninstall -y infrahub-sdk" in notice


def test_import_warns_once_when_opsmill_metadata_is_present(tmp_path: Path) -> None:
    # What pip leaves behind when `infrahub-sdk` is installed too: its distribution metadata.
    dist_info = tmp_path / "infrahub_sdk-1.23.2.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: infrahub-sdk\nVersion: 1.23.2\n")
    result = subprocess.run(
        [sys.executable, "-c", "import infrahub_sdk, infrahub_sdk.node, infrahub_sdk.client"],
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "OpsMill's infrahub-sdk 1.23.2 is installed beside infrahub-lite" in lines[0]
