# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Schema and object files read from disk, and what a schema check says about them."""

from __future__ import annotations

import os
from typing import Any

from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError

try:
    import yaml
except ImportError:
    yaml = None

YAML_SUFFIXES = (".yml", ".yaml", ".json")


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given, and the YAML/JSON files under directories (recursively, in name order)."""
    files = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                files.extend(
                    os.path.join(root, name) for name in sorted(names) if name.endswith(YAML_SUFFIXES)
                )
        elif os.path.isfile(path):
            files.append(path)
        else:
            raise InfrahubCollectionError(f"{path}: no such file or directory")
    return files


def read_documents(path: str) -> list[Any]:
    """Every YAML document of a file (JSON is YAML too)."""
    if yaml is None:
        raise InfrahubCollectionError("reading schema and object files needs PyYAML")
    with open(path, encoding="utf-8") as stream:
        try:
            return [document for document in yaml.safe_load_all(stream) if document is not None]
        except yaml.YAMLError as exc:
            raise InfrahubCollectionError(f"{path}: not valid YAML: {exc}") from exc


def diff_is_empty(check_body: dict[str, Any] | None) -> bool:
    """Whether a schema check's `diff` (`added`/`changed`/`removed`) lists nothing."""
    diff = (check_body or {}).get("diff") or {}
    return not any(diff.get(section) for section in ("added", "changed", "removed"))
