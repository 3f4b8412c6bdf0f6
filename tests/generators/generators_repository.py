"""Where the `generators/` repository is, and how the tests read it and import its SDK-free modules."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

REPOSITORY = Path(__file__).resolve().parents[2] / "generators"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_repository_module(relative_path: str) -> ModuleType:
    """Imports one SDK-free module of the repository by path, under a name no other test uses."""
    name = "generators_repository_" + relative_path.removesuffix(".py").replace("/", "_")
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPOSITORY / relative_path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def read_yaml_documents(path: Path) -> list[Any]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document]


def read_json(path: Path) -> Any:
    return json.loads(path.read_text())


def read_query_response(path: Path) -> Any:
    """The `data` of a GraphQL response stored as Infrahub's test inputs are: `{"data": {...}}`."""
    return read_json(path)["data"]
