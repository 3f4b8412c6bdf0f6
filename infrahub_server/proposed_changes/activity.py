"""When a source branch last changed: the signal that validators and approvals are out of date.

The cheapest signal the store offers is the newest change set written on the branch itself (an
indexed lookup on `change_set(branch, id)`), together with `branched_from`, which a rebase moves.
Change sets that only touched branch-agnostic data (comments, the proposed change itself written
from the branch's endpoint) are left out: they do not change what would be merged.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from infrahub_server.branches.lifecycle import require_branch
from infrahub_server.store import Store, tables
from infrahub_server.store.clock import from_micros, to_micros
from infrahub_server.store.engine import read_transaction


def branch_changed_at(store: Store, branch: str) -> datetime:
    """The moment of the branch's newest own change, or of its rebase if that came later."""
    change = tables.change_set
    with read_transaction(store.engine) as connection:
        record = require_branch(connection, branch)
        newest = connection.execute(
            select(func.max(change.c.at)).where(change.c.branch == branch, change.c.has_global.is_(False))
        ).scalar_one_or_none()
    moments = [to_micros(record.branched_from)]
    if newest is not None:
        moments.append(int(newest))
    return from_micros(max(moments))
