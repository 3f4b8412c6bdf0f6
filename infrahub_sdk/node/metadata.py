"""Who created and last changed a node or a relationship (`include_metadata=True`)."""

from __future__ import annotations

from typing import Any

from .property import NodeProperty

_ACCOUNT_FIELDS = {"id": None, "__typename": None, "display_label": None}


def _account(data: dict[str, Any], key: str) -> NodeProperty | None:
    return NodeProperty(data[key]) if data.get(key) else None


class NodeMetadata:
    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or {}
        self.created_at: str | None = data.get("created_at")
        self.created_by = _account(data, "created_by")
        self.updated_at: str | None = data.get("updated_at")
        self.updated_by = _account(data, "updated_by")

    def __repr__(self) -> str:
        return (
            f"NodeMetadata(created_at={self.created_at!r}, created_by={self.created_by!r}, "
            f"updated_at={self.updated_at!r}, updated_by={self.updated_by!r})"
        )

    @classmethod
    def _generate_query_data(cls) -> dict[str, Any]:
        return {
            "created_at": None,
            "created_by": dict(_ACCOUNT_FIELDS),
            "updated_at": None,
            "updated_by": dict(_ACCOUNT_FIELDS),
        }


class RelationshipMetadata:
    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or {}
        self.updated_at: str | None = data.get("updated_at")
        self.updated_by = _account(data, "updated_by")

    def __repr__(self) -> str:
        return f"RelationshipMetadata(updated_at={self.updated_at!r}, updated_by={self.updated_by!r})"

    @classmethod
    def _generate_query_data(cls) -> dict[str, Any]:
        return {"updated_at": None, "updated_by": dict(_ACCOUNT_FIELDS)}
