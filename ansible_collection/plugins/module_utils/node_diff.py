# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Compare the data a task asks for with a node as the server has it (no I/O here).

References to related nodes are normalised to `{"id": ...}` or `{"hfid": [...]}`: a UUID string is an
id, any other string is a one-part HFID, a list is an HFID; a reference matches a peer with that id or HFID.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError

UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
LOOKUP_KEYS = ("id", "hfid")


@dataclass(frozen=True)
class NodeShape:
    """The parts of a kind's schema that identification and comparison need."""

    kind: str
    attributes: tuple[str, ...]
    unique_attributes: tuple[str, ...] = ()
    relationships: dict[str, str] = field(default_factory=dict)  # name -> cardinality
    human_friendly_id: tuple[str, ...] = ()


def node_shape(schema: Any) -> NodeShape:
    """A `NodeShape` from the SDK's schema object of one kind."""
    return NodeShape(
        kind=schema.kind,
        attributes=tuple(attr.name for attr in schema.attributes),
        unique_attributes=tuple(attr.name for attr in schema.attributes if getattr(attr, "unique", False)),
        relationships={
            rel.name: str(getattr(rel.cardinality, "value", rel.cardinality)) for rel in schema.relationships
        },
        human_friendly_id=tuple(getattr(schema, "human_friendly_id", None) or ()),
    )


def reference(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {"id": value} if UUID.match(value) else {"hfid": [value]}
    if isinstance(value, list):
        return {"hfid": [str(part) for part in value]}
    if isinstance(value, dict) and ("id" in value or "hfid" in value):
        if "id" in value:
            return {"id": value["id"]}
        return reference(value["hfid"] if isinstance(value["hfid"], list) else [value["hfid"]], where)
    raise InfrahubCollectionError(
        f"{where}: expected an id, an HFID (list) or a dict with 'id' or 'hfid', got {value!r}"
    )


def desired_state(shape: NodeShape, data: dict[str, Any]) -> dict[str, Any]:
    """The requested values by field: attribute values, references, or lists of references."""
    desired: dict[str, Any] = {}
    for name, value in data.items():
        where = f"data.{name}"
        if name in LOOKUP_KEYS:
            continue
        if name in shape.attributes:
            desired[name] = value["value"] if isinstance(value, dict) and "value" in value else value
        elif shape.relationships.get(name) == "one":
            desired[name] = reference(value, where)
        elif name in shape.relationships:
            if not isinstance(value, list):
                raise InfrahubCollectionError(f"{where}: {shape.kind}.{name} holds many nodes; give a list")
            desired[name] = [reference(item, f"{where}[{index}]") for index, item in enumerate(value)]
        else:
            raise InfrahubCollectionError(f"{where}: {shape.kind} has no attribute or relationship '{name}'")
    return desired


def lookup_arguments(shape: NodeShape, data: dict[str, Any]) -> dict[str, Any]:
    """How to find the node: `id`, `hfid`, the HFID built from the data, or a unique attribute."""
    if data.get("id"):
        return {"id": data["id"]}
    if data.get("hfid"):
        hfid = data["hfid"]
        return {"hfid": [str(part) for part in (hfid if isinstance(hfid, list) else [hfid])]}
    hfid = _hfid_from_data(shape, data)
    if hfid:
        return {"hfid": hfid}
    for name in shape.unique_attributes:
        if data.get(name) is not None:
            value = data[name]["value"] if isinstance(data[name], dict) else data[name]
            return {f"{name}__value": value}
    fields = (
        ", ".join(component.split("__", 1)[0] for component in shape.human_friendly_id)
        or "a unique attribute"
    )
    raise InfrahubCollectionError(
        f"data: cannot tell which {shape.kind} this is; give 'id', 'hfid' or {fields}"
    )


def _hfid_from_data(shape: NodeShape, data: dict[str, Any]) -> list[str] | None:
    if not shape.human_friendly_id:
        return None
    parts = []
    for component in shape.human_friendly_id:
        name, rest = component.split("__", 1) if "__" in component else (component, "")
        if rest != "value" or name not in shape.attributes or data.get(name) is None:
            return None
        value = data[name]
        parts.append(str(value["value"] if isinstance(value, dict) else value))
    return parts


def plain(value: Any) -> Any:
    """Values as YAML would write them (IP objects and similar become strings)."""
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def references_match(wanted: dict[str, Any] | None, current: dict[str, Any] | None) -> bool:
    if wanted is None or current is None:
        return wanted is None and current is None
    if "id" in wanted:
        return wanted["id"] == current.get("id")
    return [str(part) for part in wanted["hfid"]] == [str(part) for part in current.get("hfid") or []]


def changed_fields(shape: NodeShape, desired: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Names of the fields whose current value differs from the requested one."""
    changed = []
    for name, wanted in desired.items():
        have = current.get(name)
        if name in shape.attributes:
            differs = plain(have) != wanted
        elif shape.relationships[name] == "one":
            differs = not references_match(wanted, have)
        else:
            have = have or []
            differs = len(wanted) != len(have) or not all(
                any(references_match(item, peer) for peer in have) for item in wanted
            )
        if differs:
            changed.append(name)
    return changed


def _shown(wanted: Any, have: Any) -> Any:
    """A current reference shown the way the task wrote it (by id or by HFID)."""
    if isinstance(have, dict) and isinstance(wanted, dict):
        key = "id" if "id" in wanted else "hfid"
        return {key: have.get(key)}
    if isinstance(have, list) and isinstance(wanted, list):
        sample = wanted[0] if wanted else {"hfid": None}
        return [_shown(sample, peer) for peer in have]
    return plain(have)


def field_diff(desired: dict[str, Any], current: dict[str, Any] | None, fields: list[str]) -> dict[str, Any]:
    """`{"before", "after"}` for `--diff`, limited to the given fields (all of them for a create or delete)."""
    before = (
        {} if current is None else {name: _shown(desired.get(name), current.get(name)) for name in fields}
    )
    after = {name: desired[name] for name in fields if name in desired}
    return {"before": before, "after": after}


def sdk_input(shape: NodeShape, data: dict[str, Any], desired: dict[str, Any]) -> dict[str, Any]:
    """Create input for the SDK: attributes as written by the task (with their properties), references normalised."""
    payload: dict[str, Any] = {}
    for name, value in desired.items():
        payload[name] = data[name] if name in shape.attributes else value
    return payload
