"""Object files (`apiVersion: infrahub.app/v1`, `kind: Object`) applied with upserts, with the
shapes infrahubctl's `object load` accepts: references by id or human-friendly ID, nested objects
(created first, or after their parent when they point back to it), and `expand_range`.
"""

from __future__ import annotations

import re
from typing import Any

from infrahub_server.errors import InfrahubError
from infrahub_server.nodes.service import NodeService
from infrahub_server.repositories.config import RepositoryFileError
from infrahub_server.schema.models import KindSchema, NodeSchema, RelationshipSchema

API_VERSION = "infrahub.app/v1"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
_RANGE = re.compile(r"\[(\d+)-(\d+)\]")


def apply_object_document(service: NodeService, path: str, document: Any) -> int:
    """Upsert the objects of one document of `path`; returns how many top-level objects it holds."""
    if not isinstance(document, dict) or document.get("apiVersion") != API_VERSION:
        raise RepositoryFileError(path, f"expected apiVersion: {API_VERSION}")
    if document.get("kind") == "Menu":
        return 0
    spec = document.get("spec")
    if (
        document.get("kind") != "Object"
        or not isinstance(spec, dict)
        or not isinstance(spec.get("kind"), str)
    ):
        raise RepositoryFileError(path, "expected kind: Object with spec.kind and spec.data")
    data = spec.get("data") or []
    if not isinstance(data, list):
        raise RepositoryFileError(path, "spec.data must be a list of objects")
    if (spec.get("parameters") or {}).get("expand_range"):
        data = expand_ranges(data)
    loader = _ObjectLoader(service, path)
    for index, item in enumerate(data, start=1):
        loader.upsert(spec["kind"], item, [index])
    return len(data)


def expand_ranges(items: list[Any]) -> list[Any]:
    """`name: eth[1-3]` becomes three objects named eth1, eth2 and eth3."""
    expanded: list[Any] = []
    for item in items:
        if not isinstance(item, dict):
            expanded.append(item)
            continue
        ranged = {
            key: value for key, value in item.items() if isinstance(value, str) and _RANGE.search(value)
        }
        if not ranged:
            expanded.append(item)
            continue
        variants = {key: _expand_text(value) for key, value in ranged.items()}
        count = max(len(values) for values in variants.values())
        for position in range(count):
            copy = dict(item)
            for key, values in variants.items():
                copy[key] = values[position] if position < len(values) else values[-1]
            expanded.append(copy)
    return expanded


def _expand_text(text: str) -> list[str]:
    match = _RANGE.search(text)
    if match is None:
        return [text]
    start, end = int(match.group(1)), int(match.group(2))
    step = 1 if end >= start else -1
    return [
        variant
        for number in range(start, end + step, step)
        for variant in _expand_text(text[: match.start()] + str(number) + text[match.end() :])
    ]


def _reference(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return {"hfid": [str(part) for part in value]}
    text = str(value)
    return {"id": text} if _UUID.match(text) else {"hfid": [text]}


class _ObjectLoader:
    def __init__(self, service: NodeService, path: str) -> None:
        self.service = service
        self.path = path

    def _problem(self, position: list[Any], message: str) -> RepositoryFileError:
        where = ".".join(str(part) for part in position)
        return RepositoryFileError(self.path, f"object {where}: {message}")

    def upsert(self, kind: str, item: Any, position: list[Any], context: dict[str, Any] | None = None) -> str:
        if not isinstance(item, dict):
            raise self._problem(position, "expected a mapping of attributes and relationships")
        if not self.service.schema.has(kind):
            raise self._problem(position, f"unknown kind {kind}")
        schema = self.service.schema.get(kind)
        data: dict[str, Any] = dict(context or {})
        children: list[tuple[str, list[Any], str]] = []
        for key, value in item.items():
            rel = schema.get_relationship(key)
            if rel is None:
                if schema.get_attribute(key) is None:
                    raise self._problem(
                        [*position, key], f"{key} is not an attribute or relationship of {kind}"
                    )
                data[key] = value if isinstance(value, dict) and "value" in value else {"value": value}
                continue
            nested = _nested(rel, value)
            if nested is None:
                data[key] = self._references(rel, value, [*position, key])
                continue
            peer_kind, items = nested
            back = (
                _back_reference(self.service.schema.get(peer_kind), rel)
                if self.service.schema.has(peer_kind)
                else None
            )
            if back is not None:
                children.append((peer_kind, items, back))
                continue
            ids = [
                self.upsert(peer_kind, child, [*position, key, index])
                for index, child in enumerate(items, start=1)
            ]
            data[key] = {"id": ids[0]} if rel.cardinality == "one" else [{"id": node_id} for node_id in ids]
        try:
            node_id, _ = self.service.upsert(kind, data)
        except InfrahubError as exc:
            raise self._problem(position, exc.message) from None
        for peer_kind, items, back in children:
            for index, child in enumerate(items, start=1):
                self.upsert(peer_kind, child, [*position, back, index], {back: {"id": node_id}})
        return node_id

    def _references(self, rel: RelationshipSchema, value: Any, position: list[Any]) -> Any:
        if rel.cardinality == "one":
            if value is None:
                return None
            if not isinstance(value, str | list | dict):
                raise self._problem(position, f"unsupported value for relationship {rel.name}")
            return _reference(value)
        if not isinstance(value, list):
            raise self._problem(position, f"relationship {rel.name} takes a list")
        return [_reference(entry) for entry in value]


def _nested(rel: RelationshipSchema, value: Any) -> tuple[str, list[Any]] | None:
    """(kind, objects) when `value` creates the peers instead of referencing them."""
    if isinstance(value, dict) and "data" in value:
        data = value["data"]
        items = data if isinstance(data, list) else [data]
        if (value.get("parameters") or {}).get("expand_range"):
            items = expand_ranges(items)
        return str(value.get("kind") or rel.peer), items
    if (
        isinstance(value, list)
        and value
        and all(isinstance(entry, dict) and "data" in entry for entry in value)
    ):
        kinds = {str(entry.get("kind") or rel.peer) for entry in value}
        return kinds.pop() if len(kinds) == 1 else rel.peer, [entry["data"] for entry in value]
    return None


def _back_reference(peer: KindSchema, rel: RelationshipSchema) -> str | None:
    """The peer's cardinality-one relationship pointing back over the same identifier, if any."""
    if not isinstance(peer, NodeSchema):
        return None
    for candidate in peer.relationships:
        if (
            candidate.identifier == rel.identifier
            and candidate.cardinality == "one"
            and candidate.name != rel.name
        ):
            return candidate.name
    return None
