"""The task queue's tables, created at start beside the store's (same engine, SQLite or PostgreSQL).
Times are seconds since the epoch, like the auth tables."""

from __future__ import annotations

import sqlalchemy as sa

from infrahub_server.store.engine import write_transaction

metadata = sa.MetaData()
_CREATE_LOCK_KEY = 0x1F0A_5702_A000_0007

tasks = sa.Table(
    "task",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("title", sa.String(255), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("stage", sa.String(32), nullable=False),
    sa.Column("stage_rank", sa.Integer, nullable=True),
    sa.Column("branch", sa.String(255), nullable=True),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("result", sa.JSON, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("progress", sa.Float, nullable=False, default=0.0),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("max_attempts", sa.Integer, nullable=False),
    sa.Column("dedupe_key", sa.String(255), nullable=True, index=True),
    sa.Column("parent_id", sa.String(36), nullable=True),
    sa.Column("run_after", sa.Float, nullable=False),
    sa.Column("worker_id", sa.String(128), nullable=True),
    sa.Column("lease_expires_at", sa.Float, nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.Column("started_at", sa.Float, nullable=True),
    sa.Column("finished_at", sa.Float, nullable=True),
    sa.Index("ix_task_state_run_after", "state", "run_after", "created_at"),
    sa.Index("ix_task_branch_state", "branch", "state", "stage_rank"),
    sa.Index("ix_task_finished_at", "finished_at"),
    sa.Index("ix_task_created_at", "created_at"),
)

task_related_nodes = sa.Table(
    "task_related_node",
    metadata,
    sa.Column("task_id", sa.String(36), primary_key=True),
    sa.Column("node_id", sa.String(64), primary_key=True),
    sa.Index("ix_task_related_node_node", "node_id"),
)

task_logs = sa.Table(
    "task_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("task_id", sa.String(36), nullable=False, index=True),
    sa.Column("timestamp", sa.Float, nullable=False),
    sa.Column("severity", sa.String(16), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
)


def create_task_tables(engine: sa.Engine) -> None:
    """Create the tables that do not exist yet."""
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            # Several server processes may start at once against an empty database.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CREATE_LOCK_KEY})
        metadata.create_all(conn, checkfirst=True)
