"""The history of one node: every change to it on every branch, oldest first.

    node_history(store, node_id) -> [HistoryEntry(at, actor_id, branch, change_set_id, message,
                                                 field, action, old_value, new_value), ...]

`field` is `node` for the node's creation and removal, the attribute name for an attribute value,
and `<relationship identifier>:<peer id>` for an edge. `old_value` of a branch's first change to a
field is the default branch's value when the branch read it (as of `branched_from`). A merge shows
as changes on the default branch, in the merge's change set.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from infrahub_server.branches.changes import decoded
from infrahub_server.branches.rows import COLUMNS, Row, to_row
from infrahub_server.store import Store, tables
from infrahub_server.store.branches import list_branch_rows
from infrahub_server.store.clock import from_micros, to_micros
from infrahub_server.store.engine import read_transaction


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    actor_id: str | None
    branch: str
    change_set_id: int
    message: str | None
    field: str
    action: str
    """ADDED, UPDATED or REMOVED."""
    old_value: Any
    new_value: Any

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat().replace("+00:00", "Z"),
            "actor_id": self.actor_id,
            "branch": self.branch,
            "change_set_id": self.change_set_id,
            "message": self.message,
            "field": self.field,
            "action": self.action,
            "old_value": self.old_value,
            "new_value": self.new_value,
        }


@dataclass(frozen=True, slots=True)
class _Event:
    at: int
    change_set: int
    branch: str
    field: str
    action: str
    old: Any
    new: Any


def node_history(store: Store, node_id: str, *, branch: str | None = None) -> list[HistoryEntry]:
    """Every change to `node_id` (only those made on `branch` when given), oldest first."""
    with read_transaction(store.engine) as connection:
        rows: list[Row] = []
        for table in (tables.node, tables.attribute):
            columns = [table.c[name] for name in COLUMNS[table.name]]
            result = connection.execute(select(*columns).where(table.c.node_id == node_id))
            rows.extend(to_row(table.name, values) for values in result.all())
        edge = tables.edge
        result = connection.execute(
            select(*[edge.c[name] for name in COLUMNS["edge"]]).where(
                or_(edge.c.source_id == node_id, edge.c.destination_id == node_id)
            )
        )
        rows.extend(to_row("edge", values) for values in result.all())
        branched_from = {row.name: to_micros(row.branched_from) for row in list_branch_rows(connection)}
        events = _events(rows, node_id, branched_from, store.default_branch)
        if branch is not None:
            events = [event for event in events if event.branch == branch]
        change = tables.change_set
        ids = sorted({event.change_set for event in events})
        sets = (
            {row.id: row for row in connection.execute(select(change).where(change.c.id.in_(ids))).all()}
            if ids
            else {}
        )
    entries = []
    for event in sorted(events, key=lambda item: (item.at, item.field)):
        found = sets.get(event.change_set)
        entries.append(
            HistoryEntry(
                from_micros(event.at),
                found.actor_id if found else None,
                event.branch,
                event.change_set,
                found.message if found else None,
                event.field,
                event.action,
                event.old,
                event.new,
            )
        )
    return entries


def _field(row: Row, node_id: str) -> str:
    if row.table == "node":
        return "node"
    if row.table == "attribute":
        return row.key[1]
    peer = row.key[2] if row.key[1] == node_id else row.key[1]
    return f"{row.key[0]}:{peer}"


def _value(row: Row | None, node_id: str) -> Any:
    if row is None or row.deleted:
        return None
    if row.table == "attribute":
        return decoded(row)
    if row.table == "edge":
        return row.key[2] if row.key[1] == node_id else row.key[1]
    return row.kind


def _events(
    rows: list[Row], node_id: str, branched_from: dict[str, int], default_branch: str
) -> list[_Event]:
    by_field: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        by_field[(row.branch, _field(row, node_id))].append(row)
    events: list[_Event] = []
    for (branch, field), versions in by_field.items():
        versions.sort(key=lambda row: row.from_at)
        main_versions = by_field.get((default_branch, field), []) if branch != default_branch else []
        previous: Row | None = None
        for row in versions:
            if previous is not None and previous.to_at < row.from_at and not previous.deleted:
                events.append(
                    _Event(
                        previous.to_at,
                        previous.to_cs or row.from_cs,
                        branch,
                        field,
                        "REMOVED",
                        _value(previous, node_id),
                        None,
                    )
                )
            before = previous if previous is not None and previous.to_at == row.from_at else None
            if before is None and main_versions:
                seen_at = min(row.from_at, branched_from.get(branch, row.from_at))
                before = next((main for main in main_versions if main.valid_at(seen_at)), None)
            old, new = _value(before, node_id), _value(row, node_id)
            if before is not None and not before.deleted and row.deleted:
                events.append(_Event(row.from_at, row.from_cs, branch, field, "REMOVED", old, None))
            elif not row.deleted:
                kind = "UPDATED" if before is not None and not before.deleted else "ADDED"
                events.append(_Event(row.from_at, row.from_cs, branch, field, kind, old, new))
            previous = row
        last = versions[-1]
        if not last.current and not last.deleted and last.to_cs is not None:
            events.append(
                _Event(last.to_at, last.to_cs, branch, field, "REMOVED", _value(last, node_id), None)
            )
    return events
