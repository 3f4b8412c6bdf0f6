"""`expand_range`: one object per value of a `[1-3]`-style range in its string fields."""

from __future__ import annotations

import re
from typing import Any

RANGE_PATTERN = re.compile(r"\[([^\[\]]+)\]")
_NUMBERS = re.compile(r"(\d+)(?:-(\d+))?")
_LETTERS = re.compile(r"(\w)(?:-(\w))?")


def _numbers(first: str, last: str | None) -> list[str]:
    start, end = int(first), int(last if last is not None else first)
    width = len(first) if first.startswith("0") else 0
    step = 1 if end >= start else -1
    return [f"{number:0{width}d}" for number in range(start, end + step, step)]


def _letters(first: str, last: str | None) -> list[str]:
    start, end = ord(first), ord(last if last is not None else first)
    step = 1 if end >= start else -1
    return [chr(code) for code in range(start, end + step, step)]


def _bracket_values(content: str) -> list[str] | None:
    """The values a bracket stands for (`1-3,a,c-d`), or None when it is not a range expression:
    a single value (`[5]`), words, or anything else stays as written."""
    items = content.split(",")
    if len(items) == 1 and "-" not in content:
        return None
    values: list[str] = []
    for item in items:
        if number := _NUMBERS.fullmatch(item):
            values.extend(_numbers(number.group(1), number.group(2)))
        elif letter := _LETTERS.fullmatch(item):
            values.extend(_letters(letter.group(1), letter.group(2)))
        else:
            return None
    return values


def range_expansion(value: str) -> list[str]:
    """`"eth[1-3]"` -> `["eth1", "eth2", "eth3"]`; letters (`[a-c]`), lists (`[1-2,x]`) and several
    brackets combine; a string without a range expression -> `[value]`."""
    for match in RANGE_PATTERN.finditer(value):
        values = _bracket_values(match.group(1))
        if values is None:
            continue
        head, tail = value[: match.start()], value[match.end() :]
        return [f"{head}{item}{rest}" for item in values for rest in range_expansion(tail)]
    return [value]


def _has_range(value: str) -> bool:
    return any(_bracket_values(match.group(1)) is not None for match in RANGE_PATTERN.finditer(value))


def expand_data_with_ranges(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item whose string fields hold ranges becomes one item per position; ranges in one item
    must have the same length."""
    expanded: list[dict[str, Any]] = []
    for item in data:
        ranges = {
            key: range_expansion(value)
            for key, value in item.items()
            if isinstance(value, str) and _has_range(value)
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
