# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Which compose and keyed_groups expressions the inventory reads without Jinja."""

from __future__ import annotations

import pytest
from ansible_collections.infrahub.lite.plugins.inventory.inventory import plain_path


@pytest.mark.parametrize(
    ("expression", "names"),
    [
        ("site.name", ["site", "name"]),
        (" role ", ["role"]),
        ("primary_address.address", ["primary_address", "address"]),
    ],
)
def test_plain_paths_are_read_directly(expression: str, names: list[str]) -> None:
    assert plain_path(expression) == names


@pytest.mark.parametrize(
    "expression",
    ["site.name | lower", "role == 'edge'", "site['name']", "site.items", "none", "tags.0.name", 42],
)
def test_anything_else_goes_to_jinja(expression: object) -> None:
    assert plain_path(expression) is None
