"""Uniqueness constraints added to a kind (`unique: true` or `uniqueness_constraints`) over data
that already holds duplicates."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from infrahub_server.migrations.changes import MigrationPlan
from infrahub_server.migrations.reading import node_pages, peer_ids
from infrahub_server.nodes.identity import parse_path
from infrahub_server.nodes.uniqueness import constraint_fields
from infrahub_server.schema.models import KindSchema, SchemaBranch
from infrahub_server.store import Reader
from infrahub_server.store.types import AttributeRecord

_SHOWN_VALUES = 5


def constraints(schema: KindSchema) -> dict[frozenset[str], list[str]]:
    """Each constraint of the kind by the set of its field names, `unique` attributes included."""
    found = {frozenset(constraint_fields(schema, item)): item for item in schema.uniqueness_constraints or []}
    for attr in schema.attributes:
        if attr.unique:
            found.setdefault(frozenset({attr.name}), [f"{attr.name}__value"])
    return found


def plan_uniqueness(
    plan: MigrationPlan, reader: Reader, schema: SchemaBranch, old: KindSchema, new: KindSchema
) -> None:
    existing = constraints(old)
    for fields, constraint in constraints(new).items():
        if fields not in existing:
            _refuse_duplicates(plan, reader, schema, new, constraint)


def _refuse_duplicates(
    plan: MigrationPlan, reader: Reader, schema: SchemaBranch, kind: KindSchema, constraint: list[str]
) -> None:
    planned = {(write.node_id, write.name): write.record.value for write in plan.attribute_writes}
    seen = Counter(_constraint_values(reader, schema, kind, constraint, planned))
    duplicated = {values: count for values, count in seen.items() if count > 1}
    if not duplicated:
        return
    fields = "-".join(constraint_fields(kind, constraint))
    shown = ", ".join(
        f"{_label(values)} ({count})"
        for values, count in sorted(duplicated.items(), key=_most_first)[:_SHOWN_VALUES]
    )
    more = f" and {len(duplicated) - _SHOWN_VALUES} more" if len(duplicated) > _SHOWN_VALUES else ""
    plan.refuse(
        kind.kind,
        fields,
        sum(duplicated.values()),
        f"{{verb}} duplicated values for the new uniqueness constraint '{fields}': {shown}{more}",
    )


def _constraint_values(
    reader: Reader,
    schema: SchemaBranch,
    kind: KindSchema,
    constraint: list[str],
    planned: dict[tuple[str, str], Any],
) -> list[tuple[Any, ...]]:
    """The constraint's values of every node of the kind that has them all (null matches nothing),
    counting the values this migration writes (defaults, conversions)."""
    fields = [(item, kind.get_relationship(item)) for item in constraint]
    attributes = [parse_path(kind, item).attribute for item, rel in fields if rel is None]
    found: list[tuple[Any, ...]] = []
    for nodes in node_pages(reader, kind.kind, attributes):
        peers = {rel.name: peer_ids(reader, schema, rel, list(nodes)) for _, rel in fields if rel is not None}
        for node_id, node in nodes.items():
            values = tuple(
                _field_value(node.attributes, node_id, parse_path(kind, item).attribute, planned)
                if rel is None
                else _peer_value(peers[rel.name].get(node_id))
                for item, rel in fields
            )
            if None not in values:
                found.append(values)
    return found


def _field_value(
    attributes: dict[str, AttributeRecord], node_id: str, name: str, planned: dict[tuple[str, str], Any]
) -> Any:
    if (node_id, name) in planned:
        value = planned[node_id, name]
    else:
        record = attributes.get(name)
        value = None if record is None else record.value
    if value is None:
        return None
    return json.dumps(value, sort_keys=True) if isinstance(value, dict | list) else value


def _peer_value(peers: list[str] | None) -> str | None:
    return ",".join(sorted(peers)) if peers else None


def _label(values: tuple[Any, ...]) -> str:
    return "-".join(repr(value) for value in values)


def _most_first(item: tuple[tuple[Any, ...], int]) -> tuple[int, str]:
    return -item[1], _label(item[0])
