"""The lab refuses clearly, before touching anything, where it cannot run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from labkit import PrerequisiteError, missing_prerequisites, require_prerequisites

# Imports everything first, then drops root (nobody cannot read this interpreter's own files).
AS_NOBODY = """
import os, sys
from labkit.cli import main
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
sys.exit(main(sys.argv[1:]))
"""


def test_a_machine_without_frr_is_told_what_to_install(tmp_path: Path) -> None:
    missing = missing_prerequisites(frr_dir=tmp_path)

    assert any("FRRouting is not installed (zebra, staticd, bgpd" in line for line in missing)
    assert any("frr-pythontools" in line for line in missing)
    with pytest.raises(PrerequisiteError, match="apt-get install -y frr frr-pythontools"):
        require_prerequisites(frr_dir=tmp_path)


@pytest.mark.parametrize("command", ["up", "down", "status"])
def test_the_cli_refuses_without_root(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", AS_NOBODY, command, "--address", "http://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )

    assert result.returncode == 2, result.stderr
    assert "the lab must run as root" in result.stderr
    assert "Traceback" not in result.stderr
