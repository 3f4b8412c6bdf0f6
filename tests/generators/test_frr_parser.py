"""Rendered FRRouting configurations pass FRR's own parser (`vtysh --dryrun`, no daemon needed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from generators_repository import FIXTURES, REPOSITORY

VTYSH = shutil.which("vtysh")

pytestmark = pytest.mark.skipif(
    VTYSH is None,
    reason="vtysh not found: install FRRouting (apt-get install -y frr) to check rendered configs",
)


def dry_run(path: Path) -> subprocess.CompletedProcess[str]:
    assert VTYSH is not None
    return subprocess.run([VTYSH, "--dryrun", "-f", str(path)], capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES / "frr_spine.conf",
        FIXTURES / "frr_leaf.conf",
        REPOSITORY / "tests/frr_config/spine/output.conf",
    ],
    ids=["spine", "leaf", "repository-test"],
)
def test_frr_accepts_the_rendered_config(path: Path) -> None:
    result = dry_run(path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_frr_refuses_a_line_it_does_not_know(tmp_path: Path) -> None:
    broken = tmp_path / "frr.conf"
    broken.write_text(
        (FIXTURES / "frr_leaf.conf").read_text().replace(" no bgp ebgp-requires-policy", " bgp no-such-thing")
    )
    result = dry_run(broken)
    assert result.returncode != 0
    assert "bgp no-such-thing" in result.stdout + result.stderr
