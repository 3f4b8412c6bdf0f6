"""What a schema load changed, in the shape of Infrahub's `SchemaDiff` (`added`/`changed`/`removed`).

A changed kind maps to the fields that differ; `attributes` and `relationships` nest one level more,
by element name. Generic `used_by` lists are ignored: they follow from other kinds.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from infrahub_server.schema.models import KindSchema, SchemaBranch

ElementDiff = dict[str, Any]
_NOT_COMPARED = frozenset({"id", "hash", "used_by", "attributes", "relationships"})


def _empty() -> ElementDiff:
    return {"added": {}, "changed": {}, "removed": {}}


def _has_diff(diff: ElementDiff) -> bool:
    return any(diff[key] for key in ("added", "changed", "removed"))


def schema_diff(before: SchemaBranch, after: SchemaBranch) -> dict[str, dict[str, Any]]:
    old: dict[str, KindSchema] = {**before.nodes, **before.generics}
    new: dict[str, KindSchema] = {**after.nodes, **after.generics}
    result: dict[str, dict[str, Any]] = _empty()
    for kind, schema in new.items():
        if kind not in old:
            result["added"][kind] = _empty()
            continue
        changes = kind_diff(old[kind], schema)
        if _has_diff(changes):
            result["changed"][kind] = changes
    for kind in old:
        if kind not in new:
            result["removed"][kind] = _empty()
    return result


def kind_diff(before: KindSchema, after: KindSchema) -> ElementDiff:
    changes = _fields_diff(before, after)
    for section in ("attributes", "relationships"):
        elements = _elements_diff(getattr(before, section), getattr(after, section))
        if _has_diff(elements):
            changes["changed"][section] = elements
    return changes


def _fields_diff(before: BaseModel, after: BaseModel) -> ElementDiff:
    changes = _empty()
    for name in type(after).model_fields:
        if name not in _NOT_COMPARED and getattr(before, name) != getattr(after, name):
            changes["changed"][name] = None
    return changes


def _elements_diff(before: list[Any], after: list[Any]) -> ElementDiff:
    old = {element.name: element for element in before}
    new = {element.name: element for element in after}
    changes = _empty()
    changes["added"] = dict.fromkeys(name for name in new if name not in old)
    changes["removed"] = dict.fromkeys(name for name in old if name not in new)
    for name in sorted(set(old) & set(new)):
        element_changes = _fields_diff(old[name], new[name])
        if _has_diff(element_changes):
            changes["changed"][name] = element_changes
    return changes
