"""Rebase: the branch reads the default branch as of now, its own changes kept on top.

One change set on the branch: after the same checks as a merge (every conflict resolved, no
constraint clash), the branch's rows that resolutions give to the base branch are reverted, main's
newer peer is hidden where the branch set a cardinality-one relationship itself, and
`branched_from` moves to the change set's timestamp.
"""

from __future__ import annotations

import logging

from sqlalchemy import update

from infrahub_server.branches.apply import revert_on_branch, skips_for
from infrahub_server.branches.claims import live_claim
from infrahub_server.branches.diffs import fresh_analysis, valid_resolutions
from infrahub_server.branches.lifecycle import require_branch
from infrahub_server.branches.merge import refuse_blocked
from infrahub_server.errors import BranchStateError, MergeInProgressError, ValidationError
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import BranchRecord, Store, tables
from infrahub_server.store.clock import to_micros

logger = logging.getLogger(__name__)


def rebase_branch(
    store: Store, name: str, *, actor_id: str | None = None, schema: SchemaBranch | None = None
) -> BranchRecord:
    """Move `name`'s `branched_from` to now; returns the branch as it is afterwards."""
    with store.change_set(name, actor_id=actor_id, message=f"Rebase branch {name}") as writer:
        connection = writer.connection
        record = require_branch(connection, name)
        if record.is_default:
            raise ValidationError("The default branch cannot be rebased", data={"branch": name})
        if record.status == "MERGED":
            raise BranchStateError(
                f"The branch '{name}' has been merged and cannot be rebased",
                code="BRANCH_ALREADY_MERGED",
                data={"branch": name},
            )
        if live_claim(connection, name) is not None:
            raise MergeInProgressError(f"The branch '{name}' is being merged", data={"branch": name})
        analysis = fresh_analysis(connection, store, name, schema)
        choices = valid_resolutions(connection, name, analysis.conflicts)
        refuse_blocked(analysis, choices, "rebase")
        revert_on_branch(analysis, writer, skips_for(analysis, choices))
        branch = tables.branch
        connection.execute(
            update(branch)
            .where(branch.c.name == name)
            .values(branched_from=to_micros(writer.info.at), status="OPEN")
        )
        rebased = require_branch(connection, name)
    logger.info("rebased branch %s to %s", name, rebased.branched_from)
    return rebased
