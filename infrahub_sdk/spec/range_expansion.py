"""`expand_range`: one object per value of a `[1-3]`-style range in its string fields."""

from __future__ import annotations

import re
from typing import Any

RANGE_PATTERN = re.compile(r"\[(\d+)-(\d+)\]")


def range_expansion(value: str) -> list[str]:
    """`"eth[1-3]"` -> `["eth1", "eth2", "eth3"]`; several ranges combine; no range -> `[value]`."""
    match = RANGE_PATTERN.search(value)
    if not match:
        return [value]
    start, end = int(match.group(1)), int(match.group(2))
    width = len(match.group(1)) if match.group(1).startswith("0") else 0
    head, tail = value[: match.start()], value[match.end() :]
    step = 1 if end >= start else -1
    return [
        f"{head}{number:0{width}d}{rest}"
        for number in range(start, end + step, step)
        for rest in range_expansion(tail)
    ]


def expand_data_with_ranges(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item whose string fields hold ranges becomes one item per position; ranges in one item
    must have the same length."""
    expanded: list[dict[str, Any]] = []
    for item in data:
        ranges = {
            key: range_expansion(value)
            for key, value in item.items()
            if isinstance(value, str) and RANGE_PATTERN.search(value)
        }
        if not ranges:
            expanded.append(item)
            continue
        lengths = {len(values) for values in ranges.values()}
        if len(lengths) > 1:
            raise ValueError(f"Range expansion mismatch: fields {sorted(ranges)} expand to different lengths")
        for position in range(lengths.pop()):
            expanded.append({**item, **{key: values[position] for key, values in ranges.items()}})
    return expanded
