"""How many approvals a proposed change needs before it merges: the server's setting
(`INFRAHUB_POLICY_REQUIRED_PROPOSED_CHANGE_APPROVALS`, default 0) unless the change has a count of
its own. The per-change counts live in a table of their own: Infrahub's `CoreProposedChange` has no
field for them, and its schema is part of the protocol."""

from __future__ import annotations

import sqlalchemy as sa

from infrahub_server.settings import Settings
from infrahub_server.store import Store
from infrahub_server.store.engine import read_transaction, write_transaction

metadata = sa.MetaData()

approval_overrides = sa.Table(
    "proposed_change_approvals",
    metadata,
    sa.Column("proposed_change_id", sa.String(64), primary_key=True),
    sa.Column("required_approvals", sa.Integer, nullable=False),
)


def _ensure_table(store: Store) -> None:
    # Created on first use: only merges and overrides read it, and checking costs one catalog query.
    with read_transaction(store.engine) as connection:
        if sa.inspect(connection).has_table(approval_overrides.name):
            return
    with write_transaction(store.engine) as connection:
        metadata.create_all(connection, checkfirst=True)


def approvals_override(store: Store, change_id: str) -> int | None:
    _ensure_table(store)
    with read_transaction(store.engine) as connection:
        found = connection.execute(
            sa.select(approval_overrides.c.required_approvals).where(
                approval_overrides.c.proposed_change_id == change_id
            )
        ).scalar_one_or_none()
    return None if found is None else int(found)


def required_approvals(store: Store, change_id: str, settings: Settings) -> int:
    override = approvals_override(store, change_id)
    return settings.policy_required_proposed_change_approvals if override is None else override


def set_approvals_override(store: Store, change_id: str, count: int | None) -> None:
    """Give the change its own required count, or (None) return it to the server's setting."""
    if count is not None and count < 0:
        raise ValueError(f"a required approval count is 0 or more, got {count}")
    _ensure_table(store)
    with write_transaction(store.engine) as connection:
        table = approval_overrides
        connection.execute(sa.delete(table).where(table.c.proposed_change_id == change_id))
        if count is not None:
            connection.execute(
                sa.insert(table).values(proposed_change_id=change_id, required_approvals=count)
            )
