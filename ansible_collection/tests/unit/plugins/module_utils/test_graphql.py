# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

import pytest
from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError
from ansible_collections.infrahub.lite.plugins.module_utils.graphql import flatten_edges, graphql_literal


def test_literals_follow_graphql_syntax() -> None:
    value = {"name": 'say "hi"', "enabled": True, "count": 3, "ids": ["a"], "none": None}

    assert graphql_literal(value) == '{name: "say \\"hi\\"", enabled: true, count: 3, ids: ["a"], none: null}'


def test_a_value_graphql_cannot_carry_is_refused() -> None:
    with pytest.raises(InfrahubCollectionError, match="cannot send"):
        graphql_literal({1, 2})


def test_edges_of_every_top_level_field_are_flattened() -> None:
    data = {
        "BuiltinTag": {"edges": [{"node": {"name": {"value": "red"}}}]},
        "InfraSite": {"edges": [{"node": {"name": {"value": "paris"}}}]},
        "InfrahubInfo": {"version": "1.11.9"},
    }

    assert flatten_edges(data) == [
        {"name": {"value": "red"}},
        {"name": {"value": "paris"}},
        {"version": "1.11.9"},
    ]
