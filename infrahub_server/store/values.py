"""Attribute values as stored: JSON for round trips plus typed columns that SQL filters and sorts on."""

from __future__ import annotations

from typing import Any

import orjson

EncodedValue = tuple[str | None, str | None, float | None]
"""(value_json, value_text, value_num)"""


def encode_value(value: Any) -> EncodedValue:
    if value is None:
        return None, None, None
    if isinstance(value, bool):
        return ("true" if value else "false"), None, 1.0 if value else 0.0
    if isinstance(value, int | float):
        return orjson.dumps(value).decode(), None, float(value)
    if isinstance(value, str):
        return orjson.dumps(value).decode(), value, None
    canonical = orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    return canonical, canonical, None


def decode_value(value_json: str | None) -> Any:
    return None if value_json is None else orjson.loads(value_json)


def comparable(value: Any) -> tuple[str, Any]:
    """Which typed column a filter operand is compared with, and the operand in that column's terms."""
    if isinstance(value, bool):
        return "value_num", 1.0 if value else 0.0
    if isinstance(value, int | float):
        return "value_num", float(value)
    if isinstance(value, str):
        return "value_text", value
    return "value_text", orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
