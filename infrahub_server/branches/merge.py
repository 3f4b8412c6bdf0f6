"""Merge: a branch's net changes land on the default branch as one change set at one timestamp,
all or nothing.

1. A short transaction claims the merge (status MERGING); a second merge of the branch, or of a
   branch already merged, is refused here.
2. One transaction on the default branch recomputes the diff, refuses unresolved conflicts and
   constraint clashes (naming each object and field), writes the changes, brings the branch's
   schema with its data migration, and sets the branch MERGED. A crash anywhere in it leaves the
   default branch untouched; the claim of a dead process is taken over by the next merge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection, select

from infrahub_server.branches.analysis import BranchAnalysis
from infrahub_server.branches.apply import skips_for, write_onto_default
from infrahub_server.branches.claims import drop_claim, holds_claim, live_claim, new_owner, take_claim
from infrahub_server.branches.diffs import fresh_analysis, valid_resolutions
from infrahub_server.branches.lifecycle import require_branch, set_status
from infrahub_server.branches.schemas import branch_schema, has_own_schema
from infrahub_server.errors import BranchStateError, MergeInProgressError, ValidationError
from infrahub_server.migrations import apply_schema_migration, plan_schema_migration
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import BranchRecord, Snapshot, Store, Writer, tables
from infrahub_server.store.engine import write_transaction
from infrahub_server.store.schemas import read_schema
from infrahub_server.store.visibility import resolve_snapshot

logger = logging.getLogger(__name__)

MergeListener = Callable[[Store, str, frozenset[str]], None]
"""Told of each merge once it is committed: the store, the merged branch, the ids of the nodes it changed."""
_MERGE_LISTENERS: list[MergeListener] = []


def on_merge(listener: MergeListener) -> MergeListener:
    """Register `listener` (e.g. to queue the work a merge makes due); a failing listener is logged
    and never undoes the merge."""
    _MERGE_LISTENERS.append(listener)
    return listener


def merge_branch(
    store: Store, name: str, *, actor_id: str | None = None, schema: SchemaBranch | None = None
) -> BranchRecord:
    """Merge `name` into the default branch; returns the branch, now MERGED."""
    owner = new_owner()
    with write_transaction(store.engine) as connection:
        # Two merges of one branch queue here on PostgreSQL (SQLite writers already run one at a time).
        branch = tables.branch
        connection.execute(select(branch.c.id).where(branch.c.name == name).with_for_update())
        record = require_branch(connection, name)
        refuse_unmergeable(record)
        if live_claim(connection, name) is not None:
            raise MergeInProgressError(f"The branch '{name}' is already being merged", data={"branch": name})
        take_claim(connection, name, owner)
        set_status(connection, name, "MERGING")
    try:
        message = f"Merge branch {name}"
        with store.change_set(store.default_branch, actor_id=actor_id, message=message) as writer:
            connection = writer.connection
            if not holds_claim(connection, name, owner):
                raise MergeInProgressError(f"The branch '{name}' is being merged by another process")
            analysis = fresh_analysis(connection, store, name, schema)
            choices = valid_resolutions(connection, name, analysis.conflicts)
            refuse_blocked(analysis, choices, "merge")
            written = write_onto_default(analysis, writer, skips_for(analysis, choices))
            changed = frozenset(analysis.changes.touched_node_ids())
            _merge_schema(connection, writer, store, name)
            set_status(connection, name, "MERGED")
            drop_claim(connection, name, owner)
            merged = require_branch(connection, name)
    except BaseException:
        _release(store, name, owner)
        raise
    logger.info("merged branch %s: %d keys written at %s", name, written, writer.info.at)
    for listener in _MERGE_LISTENERS:
        try:
            listener(store, name, changed)
        except Exception:
            logger.exception("a merge listener failed after merging %s", name)
    return merged


def refuse_unmergeable(record: BranchRecord) -> None:
    if record.is_default:
        raise ValidationError("The default branch cannot be merged", data={"branch": record.name})
    if record.status == "MERGED":
        raise BranchStateError(
            f"The branch '{record.name}' has already been merged",
            code="BRANCH_ALREADY_MERGED",
            data={"branch": record.name},
        )
    if record.status in ("NEED_UPGRADE_REBASE", "DELETING"):
        raise BranchStateError(
            f"The branch '{record.name}' cannot be merged while its status is {record.status}",
            code="BRANCH_NEEDS_REBASE",
            data={"branch": record.name},
        )


def refuse_blocked(analysis: BranchAnalysis, choices: dict[str, str], operation: str) -> None:
    """Raise ValidationError naming every unresolved conflict and every constraint clash."""
    name = analysis.record.name
    missing = [conflict for conflict in analysis.conflicts if conflict.id not in choices]
    if missing:
        paths = ", ".join(conflict_path(analysis, conflict.node_id, conflict.name) for conflict in missing)
        raise ValidationError(
            f"Unable to {operation} the branch '{name}', conflict resolution missing: {paths}",
            data={"branch": name, "conflicts": [conflict.id for conflict in missing]},
        )
    if analysis.violations:
        details = "; ".join(violation.message for violation in analysis.violations)
        raise ValidationError(
            f"Unable to {operation} the branch '{name}', constraints would be violated: {details}",
            data={"branch": name, "violations": [violation.to_dict() for violation in analysis.violations]},
        )


def conflict_path(analysis: BranchAnalysis, node_id: str, field: str | None) -> str:
    """How a message names a conflict: kind, label, id and field."""
    kind = analysis.kinds.get(node_id, "")
    label = analysis.labels.get(node_id, node_id)
    return f"{kind} '{label}' ({node_id})" + (f" {field}" if field else "")


def _merge_schema(connection: Connection, writer: Writer, store: Store, name: str) -> None:
    """Bring the branch's own schema to the default branch, migrating the merged data to it."""
    if not has_own_schema(connection, name):
        return
    loaded = read_schema(connection, resolve_snapshot(connection, Snapshot(name), store.default_branch))
    current, current_hash = branch_schema(connection, store.default_branch, store.default_branch)
    if loaded is None or loaded[1] == current_hash:
        return
    payload, new_hash = loaded
    plan = plan_schema_migration(current, SchemaBranch.from_api_payload(payload), writer)
    apply_schema_migration(plan, writer)
    writer.save_schema(payload, new_hash)
    logger.info("merged the schema of %s (%s) with its migration", name, new_hash)


def _release(store: Store, name: str, owner: str) -> None:
    """After a refused or failed merge the branch is open again."""
    with write_transaction(store.engine) as connection:
        if holds_claim(connection, name, owner):
            set_status(connection, name, "OPEN")
            drop_claim(connection, name, owner)
