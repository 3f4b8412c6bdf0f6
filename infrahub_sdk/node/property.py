"""`NodeProperty`: the node behind an attribute's `source` or `owner`."""

from __future__ import annotations

from typing import Any


class NodeProperty:
    def __init__(self, data: dict[str, Any] | str) -> None:
        self.id: str | None
        self.display_label: str | None = None
        self.typename: str | None = None
        if isinstance(data, str):
            self.id = data
        else:
            self.id = data.get("id")
            self.display_label = data.get("display_label")
            self.typename = data.get("__typename")

    def _generate_input_data(self) -> str | None:
        return self.id

    def __repr__(self) -> str:
        return f"NodeProperty({{'id': {self.id!r}, 'display_label': {self.display_label!r}, '__typename': {self.typename!r}}})"
