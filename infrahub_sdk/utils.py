"""Small helpers that user code and the official SDK's tests import."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path
from typing import Any


def is_valid_uuid(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def str_to_bool(value: str | bool | int) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in {0, 1}:
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"true", "t", "yes", "y", "1", "on"}:
            return True
        if lowered in {"false", "f", "no", "n", "0", "off"}:
            return False
    raise ValueError(f"{value!r} can not be converted into a boolean")


def dict_hash(dictionary: dict[str, Any]) -> str:
    """MD5 of the dict as compact, key-sorted JSON with `/` escaped (ujson's output, which the official SDK
    hashes), so tracking groups named after parameters get the same names from either SDK."""
    encoded = json.dumps(dictionary, sort_keys=True, separators=(",", ":")).replace("/", "\\/")
    return hashlib.md5(encoded.encode(), usedforsecurity=False).hexdigest()


def get_fixtures_dir() -> Path:
    """`tests/fixtures` beside the directory that holds the `infrahub_sdk` package."""
    return Path(__file__).resolve().parent.parent / "tests" / "fixtures"
