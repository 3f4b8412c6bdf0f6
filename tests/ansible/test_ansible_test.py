"""`ansible-test sanity` and `ansible-test units` on a copy of the collection, offline.

ansible-test needs the collection at `ansible_collections/infrahub/lite` inside a git work tree, and
bootstraps pip in its virtualenvs from a cached get-pip script (it cannot download one here); see
`../shared/reference/offline-tooling.md`. The first run installs the sanity tools from PyPI (~3 min);
later runs reuse ansible-test's virtualenvs (sanity about 40 s, units about 10 s).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from ansible_harness import ANSIBLE_BIN, COLLECTION_SOURCE

pytestmark = pytest.mark.slow

PIP_VERSION = "24_2"  # the pip that ansible-core 2.19's ansible-test bootstraps
OFFLINE_GET_PIP = "import ensurepip\nensurepip.bootstrap(upgrade=True)\n"


def _offline_get_pip() -> None:
    cached = Path.home() / ".ansible" / "test" / "cache" / f"get_pip_{PIP_VERSION}.py"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(OFFLINE_GET_PIP)


@pytest.fixture(scope="module")
def collection_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git work tree holding a copy of the collection where ansible-test expects it."""
    root = tmp_path_factory.mktemp("ansible-test") / "ansible_collections" / "infrahub" / "lite"
    shutil.copytree(COLLECTION_SOURCE, root, ignore=shutil.ignore_patterns("output", "__pycache__", "*.pyc"))
    git = ["git", "-c", "user.name=ansible-test", "-c", "user.email=ansible-test@localhost"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "collection under test"]):
        subprocess.run([*git, *args], cwd=root, check=True, capture_output=True)
    _offline_get_pip()
    return root


def _ansible_test(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ANSIBLE_BIN / "ansible-test"), *args, "--python", "3.11", "--color", "no"],
        cwd=tree,
        env={
            **{
                name: value
                for name, value in os.environ.items()
                if not name.startswith(("ANSIBLE_", "INFRAHUB_"))
            },
            "PATH": f"{ANSIBLE_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        },
        capture_output=True,
        text=True,
        timeout=1200,
    )


def test_sanity_passes(collection_tree: Path) -> None:
    completed = _ansible_test(collection_tree, "sanity", "--local")

    errors = [
        line for line in completed.stdout.splitlines() + completed.stderr.splitlines() if "ERROR" in line
    ]
    assert completed.returncode == 0, "\n".join(errors) or completed.stderr[-4000:]


def test_units_pass(collection_tree: Path) -> None:
    # --venv, not --local: its pytest-xdist and pytest-mock go to ansible-test's own virtualenv.
    completed = _ansible_test(collection_tree, "units", "--venv")

    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-4000:]
    assert " passed" in completed.stdout
