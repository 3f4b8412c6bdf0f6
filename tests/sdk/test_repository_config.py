"""`.infrahub.yml`: parsed, looked up by name, and its Python classes loaded from the repository."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import typer

from infrahub_sdk.ctl.repository import find_repository_config_file, get_repository_config
from infrahub_sdk.exceptions import ModuleImportError, ResourceNotDefinedError
from infrahub_sdk.transforms import InfrahubTransform

CONFIG = """
schemas: [schemas/network.yml]
queries:
  - {name: cable_plan, file_path: queries/cable_plan.gql}
python_transforms:
  - {name: cable_plan_csv, file_path: sdk_test_transforms/plan.py, class_name: PlanCsv, watch: {files: []}}
  - {name: broken, file_path: sdk_test_transforms/plan.py, class_name: NotATransform}
"""

TRANSFORM = """
from infrahub_sdk.transforms import InfrahubTransform


class PlanCsv(InfrahubTransform):
    query = "cable_plan"

    def transform(self, data):
        return "a,b"


class NotATransform:
    pass
"""


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Loading a class puts the repository on sys.path: give it back afterwards.
    monkeypatch.setattr(sys, "path", list(sys.path))
    (tmp_path / ".infrahub.yaml").write_text(CONFIG)
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "cable_plan.gql").write_text("query cable_plan { NetCable { count } }\n")
    (tmp_path / "sdk_test_transforms").mkdir()
    (tmp_path / "sdk_test_transforms" / "plan.py").write_text(TRANSFORM)
    return tmp_path


def test_config_is_found_under_either_name_and_parsed(repository: Path) -> None:
    path = find_repository_config_file(repository)
    assert path.name == ".infrahub.yaml"
    config = get_repository_config(repository / ".infrahub.yml")
    assert config.schemas == [Path("schemas/network.yml")]
    assert config.get_query("cable_plan").load_query(str(repository)).startswith("query cable_plan")
    assert config.has_python_transform("cable_plan_csv")
    with pytest.raises(ResourceNotDefinedError, match="Unable to find 'nope' in 'jinja2_transforms'"):
        config.get_jinja2_transform("nope")


def test_python_classes_are_loaded_from_the_repository(repository: Path) -> None:
    config = get_repository_config(repository / ".infrahub.yaml")
    transform = config.get_python_transform("cable_plan_csv").load_class(
        import_root=str(repository), relative_path="sdk_test_transforms"
    )
    assert issubclass(transform, InfrahubTransform)
    assert transform.__name__ == "PlanCsv"
    with pytest.raises(ModuleImportError, match="NotATransform is not an Infrahub Transform"):
        config.get_python_transform("broken").load_class(
            import_root=str(repository), relative_path="sdk_test_transforms"
        )


def test_duplicate_names_and_unknown_keys_are_refused(tmp_path: Path) -> None:
    (tmp_path / ".infrahub.yml").write_text(
        "queries:\n  - {name: q, file_path: a.gql}\n  - {name: q, file_path: b.gql}\nextra: 1\n"
    )
    with pytest.raises(typer.Exit):
        get_repository_config(tmp_path / ".infrahub.yml")
