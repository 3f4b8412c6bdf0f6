"""OpsMill's own unit tests of the SDK's public API, run against our `infrahub_sdk`.

The `infrahub-sdk==1.23.2` sdist is downloaded, its `tests/` laid next to a copy of our package
(so `get_fixtures_dir()` and the tests' relative paths resolve as in their repository), and the
files of the clients reference (section 6.4, without `test_node.py`) run in a virtualenv of their
own with the test tools they pin. All 505 items pass with the official package in this layout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from cached_venv import cache_dir, cached_venv

REPOSITORY = Path(__file__).resolve().parents[2]
OFFICIAL_REQUIREMENT = "infrahub-sdk==1.23.2"
SDIST = "infrahub_sdk-1.23.2"
TOTAL_ITEMS = 505
REQUIRED_RATIO = 0.95
TEST_TOOLS = (
    "pytest==9.0.3",
    "pytest-asyncio==1.3.0",
    "pytest-httpx==0.36.2",
    "pytest-xdist==3.8.0",
    "jsonschema==4.25.1",
    "ujson==5.11.0",
)
TEST_FILES = (
    "tests/unit/sdk/test_config.py",
    "tests/unit/sdk/test_client.py",
    "tests/unit/sdk/test_branch.py",
    "tests/unit/sdk/test_batch.py",
    "tests/unit/sdk/pool/test_allocate.py",
    "tests/unit/sdk/test_artifact.py",
    "tests/unit/sdk/test_object_store.py",
    "tests/unit/sdk/test_relogin_headers.py",
    "tests/unit/sdk/test_priority.py",
    "tests/unit/sdk/test_schema.py",
    "tests/unit/sdk/test_hierarchical_nodes.py",
    "tests/unit/sdk/test_store.py",
    "tests/unit/sdk/spec/test_object.py",
    "tests/unit/sdk/test_yaml.py",
    "tests/unit/sdk/checks/test_checks.py",
    "tests/unit/sdk/test_diff_summary.py",
    "tests/unit/sdk/test_schema_repository.py",
    "tests/unit/ctl/test_branch_app.py",
    "tests/unit/ctl/test_schema_app.py",
    "tests/unit/pytest_plugin/test_plugin.py",
)


def _official_sdist(python: Path) -> Path:
    archive = cache_dir() / f"{SDIST}.tar.gz"
    if not archive.exists():
        subprocess.run(
            [str(python), "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
             "--dest", str(cache_dir()), OFFICIAL_REQUIREMENT],
            check=True,
        )  # fmt: skip
    return archive


def _layout(workdir: Path, archive: Path) -> Path:
    """The official repository's layout with our package in place of theirs."""
    with tarfile.open(archive) as sdist:
        sdist.extractall(workdir, filter="data")
    root = workdir / SDIST
    shutil.rmtree(root / "infrahub_sdk")
    shutil.copytree(
        REPOSITORY / "infrahub_sdk", root / "infrahub_sdk", ignore=shutil.ignore_patterns("__pycache__")
    )
    return root


@pytest.mark.compat
@pytest.mark.slow
def test_official_sdk_unit_tests_pass_against_our_package(tmp_path: Path) -> None:
    # Our package's dependencies come from installing the repository; the copy in the layout is
    # what runs, first on the path.
    venv = cached_venv("official-unit", (*TEST_TOOLS, str(REPOSITORY)))
    python = venv / "bin" / "python"
    root = _layout(tmp_path, _official_sdist(python))
    result = subprocess.run(
        [str(python), "-m", "pytest", *TEST_FILES, "-q", "-s", "-rfE", "-p", "no:cacheprovider", "-n", "2",
         "-o", "addopts=", "-o", "asyncio_mode=auto", "-o", "asyncio_default_fixture_loop_scope=session"],
        cwd=root,
        env={"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "PYTHONPATH": str(root), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=900,
    )  # fmt: skip
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-2000:]
    passed = int(match.group(1)) if (match := re.search(r"(\d+) passed", summary)) else 0
    failures = [line for line in result.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    print(f"official SDK unit tests: {passed}/{TOTAL_ITEMS} passed ({passed / TOTAL_ITEMS:.1%}); {summary}")
    assert passed >= REQUIRED_RATIO * TOTAL_ITEMS, "\n".join([summary, *failures[:40]])
