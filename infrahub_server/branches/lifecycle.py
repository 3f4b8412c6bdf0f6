"""Branch create, update, delete, and the write guard every write path calls.

Statuses (section 4.1): OPEN; MERGING while a merge claim holds; MERGED afterwards (read only, only
delete is accepted); NEED_REBASE refuses writes until a rebase; DELETING while rows are removed.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, delete, select, update

from infrahub_server.branches.claims import live_claim
from infrahub_server.branches.names import check_branch_name
from infrahub_server.errors import (
    BranchNotFoundError,
    BranchStateError,
    MergeInProgressError,
    ValidationError,
)
from infrahub_server.store import GLOBAL_BRANCH, BranchRecord, Store, tables
from infrahub_server.store.branches import get_branch_row
from infrahub_server.store.engine import read_transaction, write_transaction

logger = logging.getLogger(__name__)


def create_branch(
    store: Store,
    name: str,
    *,
    description: str = "",
    sync_with_git: bool = False,
    origin_branch: str | None = None,
    actor_id: str | None = None,
) -> BranchRecord:
    """Create `name` from the default branch as of now; O(1) whatever the database size."""
    check_branch_name(name)
    if origin_branch not in (None, store.default_branch):
        raise ValidationError(
            f"Branches can only be created from the default branch '{store.default_branch}'",
            data={"field_name": "origin_branch", "value": origin_branch},
        )
    if name == GLOBAL_BRANCH:
        raise ValidationError(f"The branch {name} already exists", data={"branch": name})
    return store.create_branch(name, description=description, actor_id=actor_id, sync_with_git=sync_with_git)


def update_branch(store: Store, name: str, *, description: str) -> BranchRecord:
    with write_transaction(store.engine) as connection:
        require_branch(connection, name)
        branch = tables.branch
        connection.execute(update(branch).where(branch.c.name == name).values(description=description))
        return require_branch(connection, name)


def delete_branch(store: Store, name: str) -> None:
    """Remove the branch and every row it wrote; rows of agnostic kinds written from it stay."""
    if name in (store.default_branch, GLOBAL_BRANCH):
        raise ValidationError(f"The branch {name} cannot be deleted", data={"branch": name})
    with write_transaction(store.engine) as connection:
        require_branch(connection, name)
        if live_claim(connection, name) is not None:
            raise MergeInProgressError(f"The branch '{name}' is being merged, it cannot be deleted now")
        connection.execute(
            update(tables.branch).where(tables.branch.c.name == name).values(status="DELETING")
        )
        change = tables.change_set
        # The branch's rows are found through its change sets, so the cost follows its own writes.
        own_change_sets = select(change.c.id).where(change.c.branch == name).scalar_subquery()
        for table in (tables.node, tables.attribute, tables.edge):
            connection.execute(
                delete(table).where(table.c.from_cs.in_(own_change_sets), table.c.branch == name)
            )
        connection.execute(delete(tables.schema_version).where(tables.schema_version.c.branch == name))
        connection.execute(delete(tables.branch_diff).where(tables.branch_diff.c.branch == name))
        connection.execute(delete(tables.diff_resolution).where(tables.diff_resolution.c.branch == name))
        connection.execute(delete(tables.merge_claim).where(tables.merge_claim.c.branch == name))
        # Change sets that wrote agnostic rows stay: those rows outlive the branch and cite them.
        connection.execute(delete(change).where(change.c.branch == name, change.c.has_global.is_(False)))
        connection.execute(delete(tables.branch).where(tables.branch.c.name == name))
    logger.info("deleted branch %s", name)


def ensure_writable(store: Store, branch: str) -> None:
    """Raise when writes to `branch` must be refused now (merged, needs a rebase, being merged or
    deleted, or the default branch while any merge runs). Call it before opening a change set, or
    call `check_writable` with the change set's connection."""
    with read_transaction(store.engine) as connection:
        check_writable(connection, branch, store.default_branch)


def check_writable(connection: Connection, branch: str, default_branch: str) -> None:
    if branch == GLOBAL_BRANCH:
        return
    record = require_branch(connection, branch)
    if record.status == "MERGED":
        raise BranchStateError(
            f"The branch '{branch}' has been merged and is read only",
            code="BRANCH_ALREADY_MERGED",
            data={"branch": branch},
        )
    if record.status == "NEED_REBASE":
        raise BranchStateError(
            f"The branch '{branch}' must be rebased before it accepts changes",
            code="BRANCH_NEEDS_REBASE",
            data={"branch": branch},
        )
    if record.status == "DELETING":
        raise BranchStateError(
            f"The branch '{branch}' is being deleted", code="BRANCH_DELETING", data={"branch": branch}
        )
    claim = live_claim(connection, None if branch == default_branch else branch)
    if claim is not None:
        raise MergeInProgressError(
            f"The branch '{claim.branch}' is being merged: writes to '{branch}' wait until it ends",
            data={"branch": branch, "merging": claim.branch},
        )


def require_branch(connection: Connection, name: str) -> BranchRecord:
    record = None if name == GLOBAL_BRANCH else get_branch_row(connection, name)
    if record is None:
        raise BranchNotFoundError(f"Branch: {name} not found.", data={"branch": name})
    return record


def set_status(connection: Connection, name: str, status: str) -> None:
    branch = tables.branch
    connection.execute(update(branch).where(branch.c.name == name).values(status=status))
