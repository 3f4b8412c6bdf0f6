"""What tracking mode remembers: the ids saved during a run, and the group that will hold them."""

from __future__ import annotations

from typing import Any

from infrahub_sdk.constants import InfrahubClientMode
from infrahub_sdk.schema.main import MainSchemaTypesAPI
from infrahub_sdk.utils import dict_hash


class InfrahubGroupContextBase:
    def __init__(self) -> None:
        self.related_node_ids: list[str] = []
        self.related_group_ids: list[str] = []
        self.unused_member_ids: list[str] | None = None
        self.previous_members: list[Any] | None = None
        self.identifier: str | None = None
        self.params: dict[str, Any] = {}
        self.delete_unused_nodes = False
        self.group_type = "CoreStandardGroup"
        self.group_params: dict[str, Any] = {}
        self.branch: str | None = None

    def _tracking(self) -> bool:
        """Whether saves are recorded; the client-bound subclasses know the client's mode."""
        return False

    def set_properties(
        self,
        identifier: str,
        params: dict[str, Any] | None = None,
        delete_unused_nodes: bool = False,
        group_type: str | None = None,
        group_params: dict[str, Any] | None = None,
        branch: str | None = None,
    ) -> None:
        self.identifier = identifier
        self.params = params or {}
        self.delete_unused_nodes = delete_unused_nodes
        self.group_type = group_type or self.group_type
        self.group_params = group_params or {}
        self.branch = branch

    def add_related_nodes(self, ids: list[str], update_group_context: bool | None = None) -> None:
        if update_group_context is not False and (self._tracking() or update_group_context):
            self.related_node_ids.extend(ids)

    def add_related_groups(self, ids: list[str], update_group_context: bool | None = None) -> None:
        if update_group_context is not False and (self._tracking() or update_group_context):
            self.related_group_ids.extend(ids)

    def _generate_group_name(self, suffix: str | None = None) -> str:
        """`<identifier>[-<suffix>][-<md5 of params>]`, the same name the official SDK gives."""
        name = self.identifier or "sdk"
        if suffix:
            name += f"-{suffix}"
        if self.params:
            name += f"-{dict_hash(self.params)}"
        return name

    def _get_params_as_str(self) -> str:
        return ", ".join(f"{key}: {value!s}" for key, value in self.params.items())

    def _generate_group_description(self, schema: MainSchemaTypesAPI) -> str:
        """The params as `key: value, ...`, cut to the description's maximum length."""
        if not self.params:
            return ""
        text = self._get_params_as_str()
        description = schema.get_attribute_or_none("description")
        if description and description.max_length and len(text) > description.max_length:
            return text[: description.max_length - 5] + "..."
        return text


def is_tracking(mode: InfrahubClientMode, update_group_context: bool) -> bool:
    return mode == InfrahubClientMode.TRACKING or update_group_context
