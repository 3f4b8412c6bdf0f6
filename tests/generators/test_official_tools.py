"""OpsMill's own tools accept the repository: its pytest plugin, `infrahubctl` and its class loader."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.compat


def run(venv: Path, command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": f"{venv / 'bin'}:{os.environ.get('PATH', '')}", "HOME": str(cwd)}
    return subprocess.run(
        [str(venv / "bin" / command[0]), *command[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_official_pytest_plugin_runs_the_repository_tests(
    official_venv: Path, template_copy: Path
) -> None:
    result = run(
        official_venv,
        ["pytest", "tests", "-p", "no:cacheprovider", "-q", "-W", "ignore::DeprecationWarning"],
        template_copy,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "19 passed" in result.stdout


def test_the_official_schema_validation_accepts_the_schema(official_venv: Path, template_copy: Path) -> None:
    result = run(official_venv, ["infrahubctl", "validate", "schema", "schemas/network.yml"], template_copy)
    assert (result.returncode, result.stdout.strip()) == (0, "Schema is valid !!")


def test_the_official_loader_finds_every_class(official_venv: Path, template_copy: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from infrahub_sdk.ctl.repository import get_repository_config\n"
        "config = get_repository_config(Path('.infrahub.yml'))\n"
        "for item in [*config.python_transforms, *config.generator_definitions, *config.check_definitions]:\n"
        "    cls = item.load_class(import_root=str(Path.cwd()), relative_path=str(item.file_path.parent))\n"
        "    print(item.name, cls.__mro__[1].__name__)\n"
    )
    result = run(official_venv, ["python", "-c", script], template_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "cable_plan_csv InfrahubTransform",
        "cable_plan_markdown InfrahubTransform",
        "fabric InfrahubGenerator",
        "leaf_uplinks InfrahubCheck",
        "duplicate_addresses InfrahubCheck",
    ]
