"""The pytest plugin runs the generators repository's YAML tests, and fails when an output drifts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .e2e.harness import GENERATORS_DIR


def _run_plugin(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
         "-o", "addopts=", "-q", "tests/"],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_repository_tests_pass(tmp_path: Path) -> None:
    root = tmp_path / "network"
    shutil.copytree(GENERATORS_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
    result = _run_plugin(root)
    assert result.returncode == 0, result.stdout
    assert "19 passed" in result.stdout


def test_changed_expected_output_fails(tmp_path: Path) -> None:
    root = tmp_path / "network"
    shutil.copytree(GENERATORS_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
    expected = root / "tests" / "frr_config" / "spine" / "output.conf"
    expected.write_text(expected.read_text().replace("hostname", "host-name"), encoding="utf-8")
    result = _run_plugin(root)
    assert result.returncode == 1
    assert (
        "FAILED tests/test_config_templates.yml::infrahub_jinja2_transform__frr_config__frr_spine"
        in result.stdout
    )
