"""`client.store`: nodes kept in memory per branch, found by id, HFID or a key of your choosing."""

from __future__ import annotations

from typing import Any

from .exceptions import NodeInvalidError, NodeNotFoundError
from .node._core import InfrahubNodeBase
from .node.parsers import parse_human_friendly_id


def get_schema_name(schema: type | str | None = None) -> str | None:
    """A kind given as a string or as a protocol class (`InfraDevice`, `InfraDeviceSync`)."""
    if schema is None or isinstance(schema, str):
        return schema
    name = schema.__name__
    return name[:-4] if name.endswith("Sync") else name


class _BranchStore:
    def __init__(self, name: str) -> None:
        self.name = name
        self._objs: dict[str, InfrahubNodeBase] = {}
        self._uuids: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._hfids: dict[str, dict[tuple[str, ...], str]] = {}

    def set(self, node: InfrahubNodeBase, key: str | None) -> None:
        self._objs[node._internal_id] = node
        if key:
            self._keys[key] = node._internal_id
        if node.id:
            self._uuids[node.id] = node._internal_id
        hfid = node.get_human_friendly_id()
        if hfid:
            for kind in node.get_all_kinds():
                self._hfids.setdefault(kind, {})[tuple(hfid)] = node._internal_id

    def find(self, key: str | list[str], kind: str | None) -> tuple[InfrahubNodeBase | None, bool]:
        """The node for `key`, and whether a node of another kind matched instead."""
        wrong_kind = False
        if isinstance(key, str):
            for internal_id in (key, self._uuids.get(key), self._keys.get(key)):
                node = self._objs.get(internal_id) if internal_id else None
                if node is None:
                    continue
                if kind and kind not in node.get_all_kinds():
                    wrong_kind = True
                    continue
                return node, False
        return self._find_hfid(key, kind), wrong_kind

    def _find_hfid(self, key: str | list[str], kind: str | None) -> InfrahubNodeBase | None:
        if isinstance(key, str) and (not kind or key.startswith(kind)):
            parsed_kind, parts = parse_human_friendly_id(key)
            node_kind = parsed_kind or ""
        else:
            node_kind, parts = kind or "", [key] if isinstance(key, str) else list(key)
        internal_id = self._hfids.get(node_kind, {}).get(tuple(parts))
        return self._objs.get(internal_id) if internal_id else None


class NodeStoreBase:
    def __init__(self, default_branch: str = "main") -> None:
        self._default_branch = default_branch
        self._branches: dict[str, _BranchStore] = {}

    def _branch(self, branch: str | None) -> _BranchStore:
        name = branch or self._default_branch
        if name not in self._branches:
            self._branches[name] = _BranchStore(name)
        return self._branches[name]

    def set(self, node: Any, key: str | None = None, branch: str | None = None) -> None:
        self._branch(branch or node.get_branch()).set(node, key)

    def get(
        self,
        key: str | list[str],
        kind: type | str | None = None,
        raise_when_missing: bool = True,
        branch: str | None = None,
    ) -> Any:
        store = self._branch(branch)
        node, wrong_kind = store.find(key, get_schema_name(kind))
        if node is not None or not raise_when_missing:
            return node
        identifier = {"key": [key] if isinstance(key, str) else key}
        if wrong_kind:
            raise NodeInvalidError(
                identifier=identifier,
                message=f"Found a node of a different kind instead of {get_schema_name(kind)} for key {key!r} "
                f"in the store ({store.name})",
            )
        raise NodeNotFoundError(
            identifier=identifier, message=f"Unable to find the node {key!r} in the store ({store.name})"
        )

    def get_by_hfid(
        self, key: str | list[str], raise_when_missing: bool = True, branch: str | None = None
    ) -> Any:
        store = self._branch(branch)
        node = store._find_hfid(key, None)
        if node is None and raise_when_missing:
            raise NodeNotFoundError(
                identifier={"hfid": [key] if isinstance(key, str) else key},
                message=f"Unable to find the node {key!r} in the store ({store.name})",
            )
        return node

    def count(self, branch: str | None = None) -> int:
        return len(self._branch(branch)._objs)


class NodeStore(NodeStoreBase):
    """The store of an `InfrahubClient`."""


class NodeStoreSync(NodeStoreBase):
    """The store of an `InfrahubClientSync`."""
