"""Reading human-friendly ids written as `Kind__part1__part2`."""

from __future__ import annotations

from .constants import HFID_STR_SEPARATOR


def parse_human_friendly_id(hfid: str | list[str]) -> tuple[str | None, list[str]]:
    """`"InfraDevice__r1"` -> `("InfraDevice", ["r1"])`; a single part or a list carries no kind."""
    if isinstance(hfid, list):
        return None, hfid
    if isinstance(hfid, str):
        kind, *parts = hfid.split(HFID_STR_SEPARATOR)
        return (kind, parts) if parts else (None, [kind])
    raise ValueError(f"Invalid human friendly ID: {hfid}")
