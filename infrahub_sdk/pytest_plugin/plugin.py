"""pytest hooks: options, markers, and the collection of `test_*.yml` files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from infrahub_sdk.schema.repository import InfrahubRepositoryConfig

from .items import InfrahubItem
from .models import InfrahubTestFileV1, InfrahubTestResource

CONFIG_FILES = (".infrahub.yml", ".infrahub.yaml")
RESOURCE_MARKERS = {
    InfrahubTestResource.CHECK: "infrahub_check",
    InfrahubTestResource.JINJA2_TRANSFORM: "infrahub_jinja2_transform",
    InfrahubTestResource.PYTHON_TRANSFORM: "infrahub_python_transform",
    InfrahubTestResource.GRAPHQL_QUERY: "infrahub_graphql_query",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("infrahub")
    group.addoption("--infrahub-repo-config", dest="infrahub_repo_config", default=None,
                    help="The repository's .infrahub.yml (default: found in the current directory)")  # fmt: skip
    group.addoption("--infrahub-address", dest="infrahub_address", default="http://localhost:8000")
    group.addoption("--infrahub-key", dest="infrahub_key", default=os.environ.get("INFRAHUB_API_TOKEN"))
    group.addoption("--infrahub-username", dest="infrahub_username", default=None)
    group.addoption("--infrahub-password", dest="infrahub_password", default=None)
    group.addoption("--infrahub-branch", dest="infrahub_branch", default="main")


def pytest_configure(config: pytest.Config) -> None:
    for marker in (
        "infrahub",
        "infrahub_smoke",
        "infrahub_unit",
        "infrahub_integration",
        *RESOURCE_MARKERS.values(),
    ):
        config.addinivalue_line("markers", f"{marker}: Infrahub repository test")


def _repository_config_path(config: pytest.Config) -> Path:
    option = config.getoption("infrahub_repo_config")
    if option:
        return Path(option)
    base = Path(config.invocation_params.dir)
    return next((base / name for name in CONFIG_FILES if (base / name).exists()), base / CONFIG_FILES[0])


class InfrahubYamlFile(pytest.File):
    def collect(self) -> Iterator[InfrahubItem]:
        raw = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or "infrahub_tests" not in raw:
            return  # a YAML file named test_* that is not an Infrahub test file
        content = InfrahubTestFileV1(**raw)
        path = _repository_config_path(self.config)
        repository = InfrahubRepositoryConfig(**(yaml.safe_load(path.read_text(encoding="utf-8")) or {}))
        for group in content.infrahub_tests:
            for test in group.tests:
                item = InfrahubItem.from_parent(
                    self,
                    name=f"{group.resource_name}__{test.name}",
                    resource=group.resource,
                    resource_name=group.resource_name,
                    test=test,
                    repository=repository,
                    root=path.parent.resolve(),
                )
                for marker in (
                    "infrahub",
                    f"infrahub_{test.spec.category}",
                    RESOURCE_MARKERS[group.resource],
                ):
                    item.add_marker(marker)
                yield item


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> InfrahubYamlFile | None:
    if file_path.suffix in {".yml", ".yaml"} and file_path.name.startswith("test_"):
        return InfrahubYamlFile.from_parent(parent, path=file_path)
    return None
