"""Collection of `test_*.yml` files: one pytest item per test of each resource group, marked with
the resource's marker and the test's category."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from infrahub_sdk.schema.repository import InfrahubRepositoryConfig

from .items import InfrahubItem
from .models import InfrahubTestFileV1, InfrahubTestResource

CONFIG_FILES = (".infrahub.yml", ".infrahub.yaml")
MARKER_MAPPING: dict[str, pytest.MarkDecorator] = {
    InfrahubTestResource.CHECK: pytest.mark.infrahub_check,
    InfrahubTestResource.GRAPHQL_QUERY: pytest.mark.infrahub_graphql_query,
    InfrahubTestResource.JINJA2_TRANSFORM: pytest.mark.infrahub_jinja2_transform,
    InfrahubTestResource.PYTHON_TRANSFORM: pytest.mark.infrahub_python_transform,
}


def repository_config_path(config: pytest.Config) -> Path:
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
        path = repository_config_path(self.config)
        config = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        repository = InfrahubRepositoryConfig(**(config or {}))
        for group in content.infrahub_tests:
            marker = MARKER_MAPPING[group.resource]
            for test in group.tests:
                item = InfrahubItem.from_parent(
                    self,
                    name=f"{marker.markname}__{group.resource_name}__{test.name}",
                    resource=group.resource,
                    resource_name=group.resource_name,
                    test=test,
                    repository=repository,
                    root=path.parent.resolve(),
                )
                item.add_marker("infrahub")
                item.add_marker(f"infrahub_{test.spec.category}")
                item.add_marker(marker)
                yield item
