"""Converting stored values when an attribute changes kind (Text -> Number, Number -> Text, ...)."""

from __future__ import annotations

import json
import re
from typing import Any

_NUMBER_KINDS = frozenset({"Number", "NumberPool", "Bandwidth"})
_BOOLEAN_KINDS = frozenset({"Boolean", "Checkbox"})
_STRUCTURED_KINDS = frozenset({"JSON", "List", "Any"})
_INTEGER = re.compile(r"[+-]?\d+")
_BOOLEAN_WORDS = {"true": True, "false": False}


def convert_value(value: Any, target_kind: str) -> Any:
    """`value` in the terms of `target_kind`, before that kind's own checks; ValueError if impossible.

    Kinds stored as text take the text of numbers and booleans; numbers take integer text;
    booleans take "true"/"false" and 0/1.
    """
    if target_kind in _NUMBER_KINDS:
        return _to_integer(value)
    if target_kind in _BOOLEAN_KINDS:
        return _to_boolean(value)
    if target_kind in _STRUCTURED_KINDS:
        return value
    return _to_text(value)


def _to_integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value.strip())
    raise ValueError(value)


def _to_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _BOOLEAN_WORDS:
        return _BOOLEAN_WORDS[value.strip().lower()]
    raise ValueError(value)


def _to_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, sort_keys=True)
