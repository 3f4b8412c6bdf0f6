"""One pass over a branch's changes that diff, validate, merge and rebase share: the changes, the
kinds and labels of the nodes they touch, the conflicts and the constraint clashes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Connection

from infrahub_server.branches.changes import BranchChanges, load_changes
from infrahub_server.branches.conflicts import Conflict, ConflictScan, find_conflicts
from infrahub_server.branches.constraints import ConstraintViolation, find_violations
from infrahub_server.branches.schema_view import SchemaView, load_labels
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import BranchRecord, Reader, Snapshot
from infrahub_server.store.visibility import resolve_snapshot


@dataclass(slots=True)
class BranchAnalysis:
    changes: BranchChanges
    view: SchemaView
    kinds: dict[str, str]
    labels: dict[str, str]
    scan: ConflictScan
    violations: list[ConstraintViolation]

    @property
    def conflicts(self) -> list[Conflict]:
        return self.scan.conflicts

    @property
    def record(self) -> BranchRecord:
        return self.changes.record


def reader_at(connection: Connection, snapshot: Snapshot, default_branch: str) -> Reader:
    return Reader(connection, resolve_snapshot(connection, snapshot, default_branch))


def analyse_branch(
    connection: Connection,
    record: BranchRecord,
    default_branch: str,
    schema: SchemaBranch,
    *,
    label_every_node: bool = True,
) -> BranchAnalysis:
    """Without `label_every_node` (merge, rebase, validate), only the nodes named in conflicts and
    clashes get their labels read."""
    changes = load_changes(connection, record, default_branch)
    view = SchemaView(schema)
    kinds = _kinds(changes)
    branch_reader = reader_at(connection, Snapshot(record.name), default_branch)
    main_reader = reader_at(connection, Snapshot(default_branch), default_branch)
    scan = find_conflicts(connection, changes, view, kinds)
    violations = find_violations(changes, view, kinds, branch_reader, main_reader)
    wanted = changes.touched_node_ids() if label_every_node else set()
    wanted |= {conflict.node_id for conflict in scan.conflicts}
    wanted |= {violation.node_id for violation in violations}
    labels = load_labels(schema, branch_reader, wanted, kinds)
    missing = wanted - set(labels)
    if missing:
        base_reader = reader_at(connection, Snapshot(default_branch, record.branched_from), default_branch)
        labels.update(load_labels(schema, base_reader, missing, kinds))
    peers = {
        value
        for conflict in scan.conflicts
        if conflict.level == "relationship"
        for value in (conflict.base_value, conflict.diff_value)
        if isinstance(value, str) and value not in labels
    }
    if peers:
        labels.update(load_labels(schema, main_reader, peers))
    labelled = [replace(violation, label=labels.get(violation.node_id, "")) for violation in violations]
    return BranchAnalysis(changes, view, kinds, labels, scan, labelled)


def _kinds(changes: BranchChanges) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for rows in (changes.base_nodes, changes.main_nodes):
        for node_id, row in rows.items():
            kinds[node_id] = row.kind or ""
    for node_id, change in changes.nodes.items():
        kinds[node_id] = change.branch.kind or ""
    for (node_id, _), change in changes.attributes.items():
        kinds.setdefault(node_id, change.branch.kind or "")
    return kinds
