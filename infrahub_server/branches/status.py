"""What the `Branch` query and `BranchValidate` report beyond the stored branch row."""

from __future__ import annotations

from dataclasses import dataclass

from infrahub_server.branches.diffs import fresh_analysis, valid_resolutions
from infrahub_server.branches.lifecycle import require_branch
from infrahub_server.branches.merge import conflict_path
from infrahub_server.branches.schemas import has_own_schema
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import BranchRecord, Store
from infrahub_server.store.engine import read_transaction


@dataclass(frozen=True, slots=True)
class BranchDetails:
    record: BranchRecord
    has_schema_changes: bool
    """A schema was loaded on the branch itself."""
    schema_differs_from_default_branch: bool


def branch_details(store: Store, name: str) -> BranchDetails:
    with read_transaction(store.engine) as connection:
        record = require_branch(connection, name)
        default = require_branch(connection, store.default_branch)
        own = not record.is_default and has_own_schema(connection, name)
    return BranchDetails(record, own, record.schema_hash != default.schema_hash)


def validate_branch(store: Store, name: str, *, schema: SchemaBranch | None = None) -> list[str]:
    """Why a merge of `name` would be refused now, one message per problem (empty: it would go
    through)."""
    with read_transaction(store.engine) as connection:
        analysis = fresh_analysis(connection, store, name, schema)
        choices = valid_resolutions(connection, name, analysis.conflicts)
    messages = [
        f"Conflict on {conflict_path(analysis, conflict.node_id, conflict.name)} has no resolution"
        for conflict in analysis.conflicts
        if conflict.id not in choices
    ]
    return messages + [violation.message for violation in analysis.violations]
