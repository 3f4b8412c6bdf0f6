"""Merge claims: which process is merging which branch.

A merge first commits a claim and the branch status MERGING, then writes in one transaction. While
the claim holds, writes to the branch and to the default branch are refused (`ensure_writable`). A
process that dies mid-merge leaves its claim behind; the next merge of the branch takes it over
when the owner is gone (a process of this host that no longer runs, or a claim older than
`STALE_AFTER` from another host).
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from infrahub_server.store import tables
from infrahub_server.store.clock import now_micros

STALE_AFTER = 3600 * 1_000_000
"""Microseconds after which a claim from another host is taken over."""


@dataclass(frozen=True, slots=True)
class MergeClaim:
    branch: str
    owner: str
    started_at: int

    @property
    def alive(self) -> bool:
        host, _, rest = self.owner.partition("|")
        pid_text, _, _ = rest.partition("|")
        if host != socket.gethostname():
            return now_micros() - self.started_at < STALE_AFTER
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            return False
        except (PermissionError, ValueError):
            return True
        return True


def new_owner() -> str:
    return f"{socket.gethostname()}|{os.getpid()}|{uuid.uuid4().hex}"


def current_claims(connection: Connection) -> list[MergeClaim]:
    rows = connection.execute(select(tables.merge_claim)).all()
    return [MergeClaim(row.branch, row.owner, int(row.started_at)) for row in rows]


def live_claim(connection: Connection, branch: str | None = None) -> MergeClaim | None:
    """The live claim on `branch` (any branch when None)."""
    for claim in current_claims(connection):
        if (branch is None or claim.branch == branch) and claim.alive:
            return claim
    return None


def take_claim(connection: Connection, branch: str, owner: str) -> None:
    connection.execute(delete(tables.merge_claim).where(tables.merge_claim.c.branch == branch))
    connection.execute(insert(tables.merge_claim).values(branch=branch, owner=owner, started_at=now_micros()))


def holds_claim(connection: Connection, branch: str, owner: str) -> bool:
    found = connection.execute(
        select(tables.merge_claim.c.owner).where(tables.merge_claim.c.branch == branch)
    ).scalar_one_or_none()
    return found == owner


def drop_claim(connection: Connection, branch: str, owner: str) -> None:
    claim = tables.merge_claim
    connection.execute(delete(claim).where(claim.c.branch == branch, claim.c.owner == owner))
