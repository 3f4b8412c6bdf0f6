# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Bring one node to the requested state through the SDK: read, compare, write only on a difference."""

from __future__ import annotations

from typing import Any

from ansible_collections.infrahub.lite.plugins.module_utils.file_objects import (
    attach,
    fetched_file,
    local_checksum,
    require_file_kind,
    stored_checksum,
)
from ansible_collections.infrahub.lite.plugins.module_utils.node_diff import (
    NodeShape,
    changed_fields,
    desired_state,
    field_diff,
    lookup_arguments,
    node_shape,
    plain,
    references_match,
    sdk_input,
)


def _reference_of(related: Any) -> dict[str, Any] | None:
    if related is None or not getattr(related, "id", None):
        return None
    return {"id": related.id, "hfid": getattr(related, "hfid", None)}


def current_values(node: Any, shape: NodeShape, names: list[str]) -> dict[str, Any]:
    """The node's values for the given fields, in the form `node_diff` compares."""
    values: dict[str, Any] = {}
    for name in names:
        if name in shape.attributes:
            values[name] = plain(getattr(node, name).value)
        elif shape.relationships[name] == "one":
            values[name] = _reference_of(getattr(node, name))
        else:
            values[name] = [_reference_of(peer) for peer in getattr(node, name).peers]
    return values


def describe_node(node: Any, shape: NodeShape, names: list[str]) -> dict[str, Any]:
    """What the modules return as `object`: identity plus the fields the task named."""
    return {
        "id": node.id,
        "kind": shape.kind,
        "display_label": getattr(node, "display_label", None),
        **current_values(node, shape, names),
    }


class NodeState:
    """One node of one kind on one branch, as a task asks for it."""

    def __init__(
        self, client: Any, kind: str, data: dict[str, Any], branch: str, file_path: str | None = None
    ) -> None:
        self.client = client
        self.branch = branch
        self.data = data
        self.schema = client.schema.get(kind=kind, branch=branch)
        self.shape = node_shape(self.schema)
        self.desired = desired_state(self.shape, data)
        self.file_path = file_path
        if file_path is not None:
            require_file_kind(self.schema, "file_path")

    def _existing(self) -> Any:
        many = [name for name in self.desired if self.shape.relationships.get(name) == "many"]
        return self.client.get(
            kind=self.shape.kind,
            branch=self.branch,
            raise_when_missing=False,
            include=many or None,
            **lookup_arguments(self.shape, self.data),
        )

    def ensure_present(self, check_mode: bool) -> dict[str, Any]:
        names = list(self.desired)
        node = self._existing()
        if node is None:
            diff = field_diff(self.desired, None, names)
            if self.file_path is not None:
                diff["after"]["file"] = local_checksum(self.file_path)
            result = {"changed": True, "diff": diff, "action": "create"}
            if not check_mode:
                node = self.client.create(
                    kind=self.shape.kind,
                    branch=self.branch,
                    data=sdk_input(self.shape, self.data, self.desired),
                )
                if self.file_path is not None:
                    attach(node, self.file_path)
                node.save(allow_upsert=True)
                result["object"] = describe_node(node, self.shape, [])
            return result
        current = current_values(node, self.shape, names)
        changed = changed_fields(self.shape, self.desired, current)
        diff = field_diff(self.desired, current, changed)
        new_file = self._new_file(node)
        if new_file is not None:
            diff["before"]["file"] = stored_checksum(node)
            diff["after"]["file"] = new_file
        is_changed = bool(changed) or new_file is not None
        result = {
            "changed": is_changed,
            "diff": diff,
            "action": "update" if is_changed else "none",
            "object": describe_node(node, self.shape, names),
        }
        if is_changed and not check_mode:
            self._apply(node, changed)
            if new_file is not None:
                attach(node, self.file_path)
            node.save()
        return result

    def _new_file(self, node: Any) -> str | None:
        """The checksum of O(file_path) when the node does not hold that content yet."""
        if self.file_path is None:
            return None
        wanted = local_checksum(self.file_path)
        return None if wanted == stored_checksum(node) else wanted

    def fetch_file(self) -> dict[str, Any] | None:
        """The file of the node, or None when there is no such node."""
        require_file_kind(self.schema, "fetch_file")
        node = self._existing()
        return None if node is None else fetched_file(node)

    def ensure_absent(self, check_mode: bool) -> dict[str, Any]:
        node = self._existing()
        if node is None:
            return {"changed": False, "diff": {"before": {}, "after": {}}, "action": "none"}
        names = list(self.desired)
        current = current_values(node, self.shape, names)
        before = {"id": node.id, **field_diff(self.desired, current, names)["before"]}
        if not check_mode:
            node.delete()
        return {
            "changed": True,
            "diff": {"before": before, "after": {}},
            "action": "delete",
            "object": {"id": node.id, "kind": self.shape.kind},
        }

    def _apply(self, node: Any, changed: list[str]) -> None:
        for name in changed:
            wanted = self.desired[name]
            if name in self.shape.attributes or self.shape.relationships[name] == "one":
                setattr(node, name, wanted)
                continue
            manager = getattr(node, name)
            for peer in list(manager.peers):
                if not any(references_match(item, _reference_of(peer)) for item in wanted):
                    manager.remove(peer)
            for item in wanted:
                if not any(references_match(item, _reference_of(peer)) for peer in manager.peers):
                    manager.add(item)
