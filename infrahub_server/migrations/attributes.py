"""Attribute changes: added, removed, made mandatory, constrained more tightly, or of another kind.

Counts run in SQL where a filter can express the rule (missing values, enum and dropdown members,
number bounds); rules only Python can check (regex, lengths, conversions) read the one attribute's
values of the kind, a page at a time.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from infrahub_server.errors import AttributeConstraintError, ValidationError
from infrahub_server.migrations.changes import AttributeRemoval, AttributeWrite, MigrationPlan
from infrahub_server.migrations.conversion import convert_value
from infrahub_server.migrations.reading import attribute_records
from infrahub_server.nodes.values import check_value
from infrahub_server.schema.models import AttributeSchema, KindSchema
from infrahub_server.store import Reader
from infrahub_server.store.types import AttributeFilter, AttributeRecord, Filter, FilterOp

_SQL_CHECKED = frozenset({"enum", "choices", "parameters"})
_CONSTRAINTS = frozenset({"enum", "choices", "regex", "min_length", "max_length", "parameters"})
_BOUNDS = frozenset({"min_value", "max_value"})


def plan_attributes(plan: MigrationPlan, reader: Reader, old: KindSchema, new: KindSchema) -> None:
    for attr in new.attributes:
        before = old.get_attribute(attr.name)
        if before is None:
            _plan_added(plan, reader, new.kind, attr)
        elif before != attr:
            _plan_changed(plan, reader, new.kind, before, attr)
    for before in old.attributes:
        if new.get_attribute(before.name) is None:
            _plan_removed(plan, reader, new.kind, before.name)


def _missing(name: str) -> list[Filter]:
    return [AttributeFilter(name, "isnull")]


def _plan_added(plan: MigrationPlan, reader: Reader, kind: str, attr: AttributeSchema) -> None:
    if attr.default_value is not None:
        _fill_default(plan, reader, kind, attr)
    elif not attr.optional:
        plan.refuse(
            kind,
            attr.name,
            reader.count_nodes([kind], _missing(attr.name)),
            f"{{verb}} no value for the new mandatory attribute '{attr.name}'",
        )


def _fill_default(plan: MigrationPlan, reader: Reader, kind: str, attr: AttributeSchema) -> None:
    for node_id in reader.find_node_ids([kind], _missing(attr.name)):
        plan.attribute_writes.append(
            AttributeWrite(node_id, attr.name, AttributeRecord(attr.default_value, is_default=True))
        )


def _plan_removed(plan: MigrationPlan, reader: Reader, kind: str, name: str) -> None:
    for node_id in reader.find_node_ids([kind]):
        plan.attribute_removals.append(AttributeRemoval(node_id, name))


def _plan_changed(
    plan: MigrationPlan, reader: Reader, kind: str, before: AttributeSchema, after: AttributeSchema
) -> None:
    if before.optional and not after.optional:
        plan.refuse(
            kind,
            after.name,
            reader.count_nodes([kind], _missing(after.name)),
            f"{{verb}} no value for the attribute '{after.name}', which becomes mandatory",
        )
    if before.kind != after.kind:
        _plan_conversion(plan, reader, kind, before, after)
        return
    changed = {name for name in _CONSTRAINTS if getattr(before, name) != getattr(after, name)}
    if not changed:
        return
    if changed <= _SQL_CHECKED and _changed_parameters(before, after) <= _BOUNDS:
        if changed & {"enum", "choices"}:
            _count_outside_members(plan, reader, kind, after)
        if "parameters" in changed:
            _count_outside_bounds(plan, reader, kind, after)
    else:
        _check_each_value(plan, reader, kind, after)


def _changed_parameters(before: AttributeSchema, after: AttributeSchema) -> set[str]:
    old, new = before.parameters or {}, after.parameters or {}
    return {name for name in {*old, *new} if old.get(name) != new.get(name)}


def _count_outside_members(plan: MigrationPlan, reader: Reader, kind: str, attr: AttributeSchema) -> None:
    """Values that are not among the enum's members or the dropdown's choices."""
    allowed: list[Any] | None = attr.enum
    what = "its enum"
    if attr.kind == "Dropdown":
        allowed = [choice.name for choice in attr.choices or []]
        what = "its dropdown choices"
    if allowed is None:
        return
    with_value = reader.count_nodes([kind], [AttributeFilter(attr.name, "notnull")])
    members = reader.count_nodes([kind], [AttributeFilter(attr.name, "in", allowed)])
    plan.refuse(
        kind,
        attr.name,
        with_value - members,
        f"{{verb}} a value of attribute '{attr.name}' that is not in {what} {sorted(map(str, allowed))}",
    )


def _count_outside_bounds(plan: MigrationPlan, reader: Reader, kind: str, attr: AttributeSchema) -> None:
    params = attr.parameters or {}
    bounds: tuple[tuple[str, FilterOp, str], ...] = (
        ("min_value", "before", "lower"),
        ("max_value", "after", "higher"),
    )
    for bound, op, words in bounds:
        limit = params.get(bound)
        if limit is not None:
            plan.refuse(
                kind,
                attr.name,
                reader.count_nodes([kind], [AttributeFilter(attr.name, op, limit)]),
                f"{{verb}} a value of attribute '{attr.name}' {words} than the new {bound} {limit}",
            )


def _check_each_value(plan: MigrationPlan, reader: Reader, kind: str, attr: AttributeSchema) -> None:
    refused = 0
    example = ""
    for _, record in attribute_records(reader, kind, attr.name):
        try:
            check_value(kind, attr, record.value)
        except ValidationError as exc:
            refused += 1
            example = example or exc.message
    plan.refuse(
        kind,
        attr.name,
        refused,
        f"{{verb}} a value of attribute '{attr.name}' that the new definition refuses (first: {example})",
    )


def _plan_conversion(
    plan: MigrationPlan, reader: Reader, kind: str, before: AttributeSchema, after: AttributeSchema
) -> None:
    unconvertible = 0
    refused = 0
    example = ""
    for node_id, record in attribute_records(reader, kind, after.name):
        try:
            stored = check_value(kind, after, convert_value(record.value, after.kind))
        except AttributeConstraintError as exc:
            refused += 1
            example = example or exc.message
            continue
        except (ValueError, ValidationError):
            unconvertible += 1
            continue
        if stored != record.value or type(stored) is not type(record.value):
            plan.attribute_writes.append(AttributeWrite(node_id, after.name, replace(record, value=stored)))
    plan.refuse(
        kind,
        after.name,
        unconvertible,
        f"{{verb}} a value of attribute '{after.name}' that cannot be converted from {before.kind} to {after.kind}",
    )
    plan.refuse(
        kind,
        after.name,
        refused,
        f"{{verb}} a value of attribute '{after.name}' that the new definition refuses (first: {example})",
    )
