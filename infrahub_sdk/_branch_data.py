"""`BranchData` and `BranchStatus`, the branch as the server describes it."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel


class BranchStatus(StrEnum):
    OPEN = "OPEN"
    NEED_REBASE = "NEED_REBASE"
    NEED_UPGRADE_REBASE = "NEED_UPGRADE_REBASE"
    DELETING = "DELETING"
    MERGING = "MERGING"
    MERGE_FAILED = "MERGE_FAILED"
    MERGED = "MERGED"


class BranchData(BaseModel):
    id: str
    name: str
    description: str | None = None
    sync_with_git: bool
    is_default: bool
    has_schema_changes: bool
    graph_version: int | None = None
    status: BranchStatus = BranchStatus.OPEN
    origin_branch: str | None = None
    branched_from: str


BRANCH_FIELDS: dict[str, Any] = dict.fromkeys(
    [
        "id",
        "name",
        "description",
        "origin_branch",
        "branched_from",
        "is_default",
        "sync_with_git",
        "has_schema_changes",
        "graph_version",
        "status",
    ]
)
