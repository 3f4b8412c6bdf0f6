"""`expand_range` in object files: one object per position of the ranges in its string fields."""

from __future__ import annotations

from typing import Any

import pytest

from infrahub_sdk.spec.range_expansion import expand_data_with_ranges, range_expansion


def test_ranges_expand_in_order_and_keep_leading_zeros() -> None:
    assert range_expansion("eth[1-3]") == ["eth1", "eth2", "eth3"]
    assert range_expansion("leaf[08-10]") == ["leaf08", "leaf09", "leaf10"]
    assert range_expansion("r[1-2]/[1-2]") == ["r1/1", "r1/2", "r2/1", "r2/2"]
    assert range_expansion("lo") == ["lo"]


def test_items_expand_field_by_field() -> None:
    data: list[dict[str, Any]] = [
        {"name": "eth[1-2]", "description": "port [1-2]", "mtu": 9000},
        {"name": "lo"},
    ]
    assert expand_data_with_ranges(data) == [
        {"name": "eth1", "description": "port 1", "mtu": 9000},
        {"name": "eth2", "description": "port 2", "mtu": 9000},
        {"name": "lo"},
    ]


def test_ranges_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="different lengths"):
        expand_data_with_ranges([{"name": "eth[1-2]", "description": "port [1-3]"}])
