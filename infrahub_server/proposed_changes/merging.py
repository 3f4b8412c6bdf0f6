"""Merging a proposed change: the gate (draft, validators, conflict decisions, approvals), then the
branch merge, with the change `merging` only while the branch merge runs.

`merging` never outlives its process: `settle_interrupted_merge` turns a `merging` change whose
branch has no live merge claim into `merged` (the branch merged) or back into `open` (it did not).
It runs before any update or merge of a `merging` change; `settle_interrupted_merges` settles them
all (for the server's start, when no merge of this process can be running).
"""

from __future__ import annotations

import logging

from infrahub_server.branches import get_diff_tree, merge_branch
from infrahub_server.branches.claims import live_claim
from infrahub_server.branches.lifecycle import require_branch
from infrahub_server.branches.merge import on_merge
from infrahub_server.errors import ValidationError
from infrahub_server.proposed_changes.decisions import data_checks, record_decisions
from infrahub_server.proposed_changes.integrity import DATA_VALIDATOR, diff_conflicts
from infrahub_server.proposed_changes.pipeline import validation_is_stale
from infrahub_server.proposed_changes.records import (
    CANCELED,
    CLOSED,
    MERGED,
    MERGING,
    OPEN,
    ProposedChange,
    changes_in_state,
    changes_of_branch,
    load_proposed_change,
    set_state,
    write_state,
)
from infrahub_server.proposed_changes.reviews import APPROVED_BY, reviewers, revoke_outdated_approvals
from infrahub_server.proposed_changes.task_handlers import submit_checks
from infrahub_server.proposed_changes.validator_nodes import validators_of
from infrahub_server.proposed_changes.validators import SUCCESS
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Reader, Snapshot, Store
from infrahub_server.store.engine import read_transaction
from infrahub_server.tasks import TaskQueue, TaskState

logger = logging.getLogger(__name__)

VALIDATION_TIMEOUT = 300.0


def merge_proposed_change(
    store: Store,
    schema: SchemaBranch,
    change_id: str,
    *,
    actor_id: str | None,
    required_approvals: int,
    validation_timeout: float = VALIDATION_TIMEOUT,
) -> ProposedChange:
    """Merge the change's source branch into the default branch, or refuse naming every reason.

    Validators older than the branch's newest change run again first, on the task workers (some
    render artefacts), and the merge waits for them up to `validation_timeout` seconds."""
    change = settle_interrupted_merge(store, load_proposed_change(store, change_id))
    if change.state != OPEN:
        raise ValidationError(
            f"The proposed change '{change.name}' is {change.state}: only an open proposed change can be merged",
            data={"id": change_id, "state": change.state},
        )
    if change.is_draft:
        raise ValidationError(
            f"Unable to merge the proposed change '{change.name}': it is a draft",
            data={"id": change_id, "reasons": ["it is a draft"]},
        )
    revoke_outdated_approvals(store, schema, change, actor_id=actor_id)
    if validation_is_stale(store, schema, change):
        _validate_again(store, change, actor_id=actor_id, timeout=validation_timeout)
    else:
        record_decisions(store, schema, change_id)
    reasons = merge_blockers(store, schema, change, required_approvals=required_approvals)
    if reasons:
        raise ValidationError(
            f"Unable to merge the proposed change '{change.name}': " + "; ".join(reasons),
            data={"id": change_id, "reasons": reasons},
        )
    set_state(store, change_id, MERGING, actor_id=actor_id, message=f"Merge proposed change {change.name}")
    try:
        merge_branch(store, change.source_branch, actor_id=actor_id)
    except BaseException:
        # A refused or failed branch merge has released its claim: the change is open again (or
        # left to a concurrent merge of the same branch that still runs).
        settle_interrupted_merge(store, load_proposed_change(store, change_id))
        raise
    with store.change_set(store.default_branch, actor_id=actor_id, message=f"Merged {change.name}") as writer:
        write_state(writer, change_id, MERGED)
        for other in changes_of_branch(writer, change.source_branch, (CLOSED,)):
            write_state(writer, other.id, CANCELED)
    logger.info("merged proposed change %s (branch %s)", change.name, change.source_branch)
    return load_proposed_change(store, change_id)


def _validate_again(store: Store, change: ProposedChange, *, actor_id: str | None, timeout: float) -> None:
    task_id = submit_checks(store, change, "ALL", actor_id=actor_id)
    try:
        record = TaskQueue(store.engine).wait(task_id, timeout)
    except TimeoutError:
        reason = f"its validators are out of date and did not complete within {timeout:g} s (task {task_id})"
    else:
        if record.state == TaskState.COMPLETED:
            return
        reason = f"its validators could not run again (task {task_id} {record.state.value}: {record.error})"
    raise ValidationError(
        f"Unable to merge the proposed change '{change.name}': {reason}",
        data={"id": change.id, "reasons": [reason]},
    )


def merge_blockers(
    store: Store, schema: SchemaBranch, change: ProposedChange, *, required_approvals: int
) -> list[str]:
    """Why the change cannot merge now, one reason per problem (empty: it can)."""
    reasons = ["it is a draft"] if change.is_draft else []
    with store.reader(Snapshot(store.default_branch)) as reader:
        validators = validators_of(reader, schema, change.id)
        failed = [v for v in validators if v.kind != DATA_VALIDATOR and v.conclusion != SUCCESS]
        undecided = _undecided_conflicts(store, reader, schema, change)
        approvals = len(reviewers(reader, schema, change.id, APPROVED_BY))
    if not validators:
        reasons.append("its validators have not run")
    reasons += [f"the validator '{v.label}' concluded {v.conclusion or 'nothing'}" for v in failed]
    reasons += [f"no decision on the conflict {label}" for label in undecided]
    if approvals < required_approvals:
        reasons.append(f"it has {approvals} of the {required_approvals} approvals it requires")
    return reasons


def _undecided_conflicts(
    store: Store,
    reader: Reader,
    schema: SchemaBranch,
    change: ProposedChange,
) -> list[str]:
    checks = data_checks(reader, schema, change.id)
    if not checks:
        return []
    diff = get_diff_tree(store, change.source_branch) or {"nodes": []}
    resolved = {conflict["uuid"] for _, conflict in diff_conflicts(diff) if conflict["selected_branch"]}
    return [
        str(check.get("label") or check.get("enriched_conflict_id"))
        for check in checks
        if not check.get("keep_branch") and check.get("enriched_conflict_id") not in resolved
    ]


def settle_interrupted_merge(store: Store, change: ProposedChange) -> ProposedChange:
    """A `merging` change whose branch merge is not running becomes `merged` if its branch merged,
    else `open` again."""
    if change.state != MERGING:
        return change
    with read_transaction(store.engine) as connection:
        branch = require_branch(connection, change.source_branch)
        running = live_claim(connection, change.source_branch) is not None
    if branch.status == "MERGED":
        state = MERGED
    elif running:
        return change
    else:
        state = OPEN
    set_state(store, change.id, state, actor_id=None, message=f"Settle interrupted merge of {change.name}")
    logger.info("proposed change %s: merging settled as %s", change.name, state)
    return load_proposed_change(store, change.id)


def settle_interrupted_merges(store: Store) -> list[ProposedChange]:
    """Settle every `merging` change (at server start: no merge of this process is running)."""
    with store.reader(Snapshot(store.default_branch)) as reader:
        merging = changes_in_state(reader, MERGING)
    return [settle_interrupted_merge(store, change) for change in merging]


@on_merge
def cancel_changes_of_merged_branch(store: Store, branch: str, changed: frozenset[str]) -> None:
    """A branch merged without its proposed change (`BranchMerge`): its open and closed changes
    are canceled, as Infrahub does. The change being merged is `merging` and left to its merge."""
    with store.reader(Snapshot(store.default_branch)) as reader:
        stale = changes_of_branch(reader, branch, (OPEN, CLOSED))
    if not stale:
        return
    with store.change_set(store.default_branch, actor_id=None, message=f"Branch {branch} merged") as writer:
        for change in stale:
            write_state(writer, change.id, CANCELED)
    logger.info("canceled %d proposed changes of the merged branch %s", len(stale), branch)
