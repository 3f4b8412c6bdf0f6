"""Helpers shared by the store's tests."""

from __future__ import annotations

from infrahub_server.store import AttributeRecord


def values(**named: object) -> dict[str, AttributeRecord]:
    """Attribute records with default properties, from keyword arguments."""
    return {name: AttributeRecord(value) for name, value in named.items()}
