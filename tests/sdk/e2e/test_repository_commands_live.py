"""`infrahubctl generator|render|transform|check` run the generators repository (a copy) against a
server subprocess, as the official CLI does; the steps share one server and build on each other."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from infrahub_sdk import Config, InfrahubClientSync

from .harness import GENERATORS_DIR, LiveServer, server_subprocess

pytestmark = pytest.mark.e2e


class Repository:
    def __init__(self, server: LiveServer, root: Path) -> None:
        self.server = server
        self.root = root

    def infrahubctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", "from infrahub_sdk.ctl.cli import main; main()", *args],
            env=self.server.env(COLUMNS="200"), cwd=self.root, capture_output=True, text=True, check=False,
        )  # fmt: skip

    def ok(self, *args: str) -> str:
        result = self.infrahubctl(*args)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repository]:
    root = tmp_path_factory.mktemp("repo") / "network"
    shutil.copytree(GENERATORS_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
    with server_subprocess(tmp_path_factory.mktemp("server")) as server:
        repository = Repository(server, root)
        repository.ok("schema", "load", "schemas/network.yml")
        repository.ok("object", "load", "objects/")
        yield repository


def _device_names(repository: Repository) -> list[str]:
    config = Config(address=repository.server.address, api_token=repository.server.token)
    with InfrahubClientSync(config=config) as client:
        return sorted(str(node.name.value) for node in client.all(kind="NetDevice"))


def test_generator_builds_the_fabric_on_its_targets(repository: Repository) -> None:
    assert "fabric" in repository.ok("generator", "--list")
    first = repository.ok("generator", "fabric")
    assert "Generator fabric ran with {'name': 'dc1'}" in first
    built = _device_names(repository)
    assert built == ["dc1-leaf1", "dc1-leaf2", "dc1-leaf3", "dc1-leaf4", "dc1-spine1", "dc1-spine2"]
    again = repository.ok("generator", "fabric", "name=dc1")
    assert "ran with {'name': 'dc1'}" in again
    assert _device_names(repository) == built


def test_render_jinja2_transform(repository: Repository, tmp_path: Path) -> None:
    rendered = repository.ok("render", "frr_config", "device=dc1-leaf1")
    assert "hostname dc1-leaf1" in rendered
    assert "router bgp 65101" in rendered
    repository.ok("render", "frr_config", "device=dc1-spine1", "--out", str(tmp_path / "frr.conf"))
    assert "hostname dc1-spine1" in (tmp_path / "frr.conf").read_text()
    missing = repository.infrahubctl("render", "nope")
    assert missing.returncode == 1


def test_python_transform(repository: Repository) -> None:
    csv = repository.ok("transform", "cable_plan_csv", "design=dc1")
    lines = csv.strip().splitlines()
    assert len(lines) == 1 + 2 * 4  # a header and one cable per spine-leaf link
    assert "dc1-spine1" in lines[1]


def test_checks_pass_on_the_generated_fabric(repository: Repository) -> None:
    output = repository.ok("check")
    assert "leaf_uplinks: passed" in output
    assert "duplicate_addresses: passed" in output


def test_generator_rerun_on_a_smaller_design_deletes_what_it_no_longer_builds(repository: Repository) -> None:
    config = Config(address=repository.server.address, api_token=repository.server.token)
    with InfrahubClientSync(config=config) as client:
        design = client.get(kind="NetFabricDesign", name__value="dc1")
        design.leaf_count.value = 2
        design.save()
    repository.ok("generator", "fabric")
    assert _device_names(repository) == ["dc1-leaf1", "dc1-leaf2", "dc1-spine1", "dc1-spine2"]


def test_check_fails_and_names_the_device(repository: Repository) -> None:
    config = Config(address=repository.server.address, api_token=repository.server.token)
    with InfrahubClientSync(config=config) as client:
        uplink = client.get(kind="NetInterface", hfid=["dc1-leaf2", "eth1"])
        uplink.enabled.value = False
        uplink.save()
    failing = repository.infrahubctl("check", "leaf_uplinks")
    assert failing.returncode == 1, failing.stdout
    assert "leaf_uplinks: failed" in failing.stdout
    assert "dc1-leaf2" in failing.stdout


INTEGRATION_TESTS = """\
version: "1.0"
infrahub_tests:
  - resource: Jinja2Transform
    resource_name: frr_config
    tests:
      - name: spine1_from_the_server
        expect: PASS
        spec:
          kind: jinja2-transform-integration
          directory: integration
          variables: {device: dc1-spine1}
          output: frr.conf
  - resource: GraphQLQuery
    resource_name: device_config
    tests:
      - name: wrong_expectation
        expect: PASS
        spec:
          kind: graphql-query-integration
          directory: integration
          variables: {device: dc1-spine1}
          output: empty.json
"""


def test_pytest_plugin_integration_tests_read_the_server(repository: Repository) -> None:
    folder = repository.root / "tests" / "integration"
    folder.mkdir()
    (folder / "frr.conf").write_text(
        repository.ok("render", "frr_config", "device=dc1-spine1"), encoding="utf-8"
    )
    (folder / "empty.json").write_text("{}", encoding="utf-8")
    (repository.root / "tests" / "test_integration.yml").write_text(INTEGRATION_TESTS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
         "-o", "addopts=", "-q", "-m", "infrahub_integration", "tests/",
         "--infrahub-address", repository.server.address, "--infrahub-key", repository.server.token],
        cwd=repository.root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "1 failed, 1 passed" in result.stdout, result.stdout
    assert (
        "FAILED tests/test_integration.yml::infrahub_graphql_query__device_config__wrong_expectation"
        in result.stdout
    )


def test_validate_schema_checks_a_file_offline(repository: Repository, tmp_path: Path) -> None:
    assert "Schema is valid" in repository.ok("validate", "schema", "schemas/network.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text('version: "1.0"\nnodes:\n  - name: Device\n    attributes: []\n', encoding="utf-8")
    result = repository.infrahubctl("validate", "schema", str(broken))
    assert result.returncode == 1
    assert "nodes[0].namespace" in result.stdout


def test_validate_graphql_query_runs_a_repository_query_on_the_server(
    repository: Repository, tmp_path: Path
) -> None:
    out = tmp_path / "result.json"
    output = repository.ok(
        "validate", "graphql-query", "device_config", "device=dc1-spine1", "--out", str(out)
    )
    assert "Query executed successfully" in output
    assert "NetDevice" in out.read_text(encoding="utf-8")
    broken = tmp_path / "broken.gql"
    broken.write_text("query { NetDevice { edges { node { no_such_field } } } }", encoding="utf-8")
    result = repository.infrahubctl("validate", "graphql-query", str(broken))
    assert result.returncode == 1
    assert "no_such_field" in result.stdout
    missing = repository.infrahubctl("validate", "graphql-query", "no_such_query")
    assert missing.returncode == 1
    assert "Unable to find the GraphQL Query : no_such_query" in missing.stdout


def test_repository_list_shows_the_repositories(repository: Repository) -> None:
    output = repository.ok("repository", "list")
    assert "List of all Repositories" in output
    assert "Operational status" in output
