"""Attribute records a mutation writes: defaults on create, only what changed on update."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from infrahub_server.errors import AttributeRequiredError
from infrahub_server.nodes.inputs import MISSING, AttributeInput
from infrahub_server.nodes.values import check_value
from infrahub_server.schema.models import AttributeSchema, KindSchema
from infrahub_server.store.types import AttributeRecord


def _properties(record: AttributeRecord, given: AttributeInput) -> AttributeRecord:
    if given.is_protected is not None:
        record.is_protected = bool(given.is_protected)
    if given.source is not MISSING:
        record.source_id = given.source
    if given.owner is not MISSING:
        record.owner_id = given.owner
    return record


def _default(attr: AttributeSchema) -> AttributeRecord:
    return AttributeRecord(value=attr.default_value, is_default=True)


def new_attribute_records(
    schema: KindSchema, inputs: Mapping[str, AttributeInput]
) -> dict[str, AttributeRecord]:
    """A record for every attribute of a new node: the value sent, else the default (`is_default`)."""
    records: dict[str, AttributeRecord] = {}
    for attr in schema.attributes:
        given = inputs.get(attr.name)
        value = MISSING if given is None or given.is_default else given.value
        if value is MISSING or (value is None and attr.default_value is not None):
            record = _default(attr)
            if record.value is None and not attr.optional:
                raise AttributeRequiredError(
                    f"{attr.name} is mandatory for {schema.kind} at {attr.name}",
                    kind=schema.kind,
                    field=attr.name,
                )
        else:
            record = AttributeRecord(value=check_value(schema.kind, attr, value))
        records[attr.name] = _properties(record, given) if given is not None else record
    return records


def changed_attribute_records(
    schema: KindSchema, current: Mapping[str, AttributeRecord], inputs: Mapping[str, AttributeInput]
) -> dict[str, AttributeRecord]:
    """The records of the attributes `inputs` change; attributes not sent keep their value."""
    changed: dict[str, AttributeRecord] = {}
    for name, given in inputs.items():
        attr = schema.get_attribute(name)
        assert attr is not None
        before = current.get(name) or AttributeRecord(value=None, is_default=True)
        after = replace(before)
        if given.value is not MISSING:
            after.value = check_value(schema.kind, attr, given.value)
            after.is_default = given.is_default or (before.is_default and after.value == attr.default_value)
        elif given.is_default:
            after.value, after.is_default = attr.default_value, True
        _properties(after, given)
        if _differs(before, after):
            changed[name] = after
    return changed


def _differs(before: AttributeRecord, after: AttributeRecord) -> bool:
    return (before.value, before.is_default, before.is_protected, before.source_id, before.owner_id) != (
        after.value,
        after.is_default,
        after.is_protected,
        after.source_id,
        after.owner_id,
    )


def attribute_values(records: Mapping[str, AttributeRecord]) -> dict[str, Any]:
    return {name: record.value for name, record in records.items()}
