"""Named diffs: `DiffUpdate` computes and stores one, `DiffTree`/`DiffTreeSummary` read it, and
`ResolveDiffConflict` records a conflict's choice.

A stored diff keeps the fingerprint of each conflict; a resolution holds while the conflict's values
still match the fingerprint it was recorded against (a change on either side asks for a new choice).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Connection, delete, insert, select

from infrahub_server.branches.analysis import BranchAnalysis, analyse_branch
from infrahub_server.branches.conflicts import Conflict
from infrahub_server.branches.lifecycle import require_branch
from infrahub_server.branches.schemas import branch_schema
from infrahub_server.branches.tree import BASE_BRANCH, DIFF_BRANCH, build_tree
from infrahub_server.errors import NodeNotFoundError, ValidationError
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Store, tables
from infrahub_server.store.clock import now_micros, to_micros
from infrahub_server.store.engine import read_transaction, write_transaction

logger = logging.getLogger(__name__)

_FINGERPRINTS = "_conflict_fingerprints"
_SUMMARY_FIELDS = (
    *("base_branch", "diff_branch", "from_time", "to_time"),
    *("num_added", "num_updated", "num_removed", "num_conflicts", "num_unchanged"),
)


def update_diff(
    store: Store,
    branch: str,
    *,
    name: str | None = None,
    from_time: datetime | None = None,
    to_time: datetime | None = None,
    schema: SchemaBranch | None = None,
) -> dict[str, Any]:
    """Compute the branch's diff against the default branch and store it under `name` (default:
    the branch's name). The diff always covers `branched_from` to now; `from_time` and `to_time`
    are recorded as given."""
    # Computed in a read transaction (writers go on meanwhile), stored in a short write.
    with read_transaction(store.engine) as connection:
        record = require_branch(connection, branch)
        if record.is_default:
            raise ValidationError("The default branch has no diff", data={"branch": branch})
        used = schema if schema is not None else branch_schema(connection, branch, store.default_branch)[0]
        analysis = analyse_branch(connection, record, store.default_branch, used)
        computed = now_micros()
        from_at = to_micros(from_time) if from_time else to_micros(record.branched_from)
        to_at = to_micros(to_time) if to_time else computed
        resolutions = valid_resolutions(connection, branch, analysis.conflicts)
    tree = build_tree(analysis, name=name or branch, from_at=from_at, to_at=to_at, resolutions=resolutions)
    stored = {**tree, _FINGERPRINTS: {c.id: c.fingerprint for c in analysis.conflicts}}
    payload = orjson.dumps(stored).decode()
    with write_transaction(store.engine) as connection:
        require_branch(connection, branch)
        diff = tables.branch_diff
        connection.execute(delete(diff).where(diff.c.branch == branch, diff.c.name == tree["name"]))
        connection.execute(
            insert(diff).values(
                branch=branch,
                name=tree["name"],
                from_at=from_at,
                to_at=to_at,
                computed_at=computed,
                payload=payload,
            )
        )
    logger.info("diff of %s: %d nodes, %d conflicts", branch, len(tree["nodes"]), tree["num_conflicts"])
    return tree


def get_diff_tree(
    store: Store, branch: str, *, name: str | None = None, limit: int | None = None, offset: int = 0
) -> dict[str, Any] | None:
    """The stored diff (None if `DiffUpdate` never ran), with the conflicts' current choices."""
    with read_transaction(store.engine) as connection:
        stored = _stored(connection, branch, name or branch)
        if stored is None:
            return None
        fingerprints: dict[str, str] = stored.pop(_FINGERPRINTS)
        choices = _choices(connection, branch, fingerprints)
    _apply_choices(stored, choices)
    if limit is not None or offset:
        end = None if limit is None else offset + limit
        stored["nodes"] = stored["nodes"][offset:end]
    return stored


def get_diff_summary(store: Store, branch: str, *, name: str | None = None) -> dict[str, Any] | None:
    """`DiffTreeSummary`: the stored diff's counts, without its nodes."""
    tree = get_diff_tree(store, branch, name=name)
    if tree is None:
        return None
    return {key: tree[key] for key in _SUMMARY_FIELDS}


def resolve_conflict(store: Store, conflict_id: str, selected_branch: str) -> None:
    """Record the choice for a conflict of a stored diff (`ResolveDiffConflict`)."""
    if selected_branch not in (BASE_BRANCH, DIFF_BRANCH):
        raise ValidationError(
            f"selected_branch must be {BASE_BRANCH} or {DIFF_BRANCH}",
            data={"field_name": "selected_branch", "value": selected_branch},
        )
    with write_transaction(store.engine) as connection:
        diff = tables.branch_diff
        rows = connection.execute(
            select(diff.c.branch, diff.c.payload).where(diff.c.payload.contains(conflict_id))
        ).all()
        for row in rows:
            stored = orjson.loads(row.payload)
            fingerprint = stored[_FINGERPRINTS].get(conflict_id)
            if fingerprint is None:
                continue
            if selected_branch == DIFF_BRANCH and not _branch_resolvable(stored, conflict_id):
                raise ValidationError(
                    "The node was deleted on the base branch: the branch's changes to it cannot be kept",
                    data={"conflict_id": conflict_id},
                )
            resolution = tables.diff_resolution
            connection.execute(delete(resolution).where(resolution.c.conflict_id == conflict_id))
            connection.execute(
                insert(resolution).values(
                    conflict_id=conflict_id,
                    branch=row.branch,
                    selected_branch=selected_branch,
                    fingerprint=fingerprint,
                    resolved_at=now_micros(),
                )
            )
            return
    raise NodeNotFoundError(f"Unable to find the conflict {conflict_id}", data={"conflict_id": conflict_id})


def valid_resolutions(connection: Connection, branch: str, conflicts: list[Conflict]) -> dict[str, str]:
    """The choice recorded for each conflict whose values have not changed since."""
    return _choices(connection, branch, {conflict.id: conflict.fingerprint for conflict in conflicts})


def fresh_analysis(
    connection: Connection, store: Store, branch: str, schema: SchemaBranch | None
) -> BranchAnalysis:
    """The analysis a merge, a rebase or a validation decides on (labels only where reported)."""
    record = require_branch(connection, branch)
    used = schema if schema is not None else branch_schema(connection, branch, store.default_branch)[0]
    return analyse_branch(connection, record, store.default_branch, used, label_every_node=False)


def _choices(connection: Connection, branch: str, fingerprints: dict[str, str]) -> dict[str, str]:
    resolution = tables.diff_resolution
    rows = connection.execute(select(resolution).where(resolution.c.branch == branch)).all()
    return {
        row.conflict_id: row.selected_branch
        for row in rows
        if fingerprints.get(row.conflict_id) == row.fingerprint
    }


def _stored(connection: Connection, branch: str, name: str) -> dict[str, Any] | None:
    require_branch(connection, branch)
    diff = tables.branch_diff
    payload = connection.execute(
        select(diff.c.payload).where(diff.c.branch == branch, diff.c.name == name)
    ).scalar_one_or_none()
    return None if payload is None else dict(orjson.loads(payload))


def _conflict_dicts(tree: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for node in tree["nodes"]:
        if node["conflict"]:
            found.append(node["conflict"])
        for attribute in node["attributes"]:
            found.extend(prop["conflict"] for prop in attribute["properties"] if prop["conflict"])
        for relationship in node["relationships"]:
            found.extend(element["conflict"] for element in relationship["elements"] if element["conflict"])
    return found


def _apply_choices(tree: dict[str, Any], choices: dict[str, str]) -> None:
    for conflict in _conflict_dicts(tree):
        conflict["selected_branch"] = choices.get(conflict["uuid"])


def _branch_resolvable(tree: dict[str, Any], conflict_id: str) -> bool:
    return all(
        conflict["resolvable"] for conflict in _conflict_dicts(tree) if conflict["uuid"] == conflict_id
    )
