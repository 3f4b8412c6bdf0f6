"""Engines and transactions: one code path for SQLite and PostgreSQL, chosen by the URL.

SQLite runs in WAL mode; Python's sqlite3 module would open transactions on its own, so it is put in
autocommit mode and the store emits `BEGIN` (readers) or `BEGIN IMMEDIATE` (writers, which then
queue one behind the other instead of failing on a lock upgrade). PostgreSQL reads run in
REPEATABLE READ so that every statement of a reader sees the same snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from infrahub_server.errors import ConfigurationError

_WRITE_OPTION = "infrahub_store_write"

_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA busy_timeout=30000",
    "PRAGMA cache_size=-65536",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA mmap_size=268435456",
)


def create_store_engine(url: str) -> Engine:
    """An engine for `sqlite:///path` or `postgresql://...` (drivers: sqlite3, psycopg 3)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise ConfigurationError("The store needs a SQLite file, not an in-memory database")
        engine = create_engine(
            parsed.set(drivername="sqlite+pysqlite"),
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    if backend == "postgresql":
        return create_engine(parsed.set(drivername="postgresql+psycopg"), pool_pre_ping=True)
    raise ConfigurationError(f"Unsupported database URL scheme '{parsed.drivername}'")


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in _SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    write = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def refresh_statistics(connection: Connection) -> None:
    """Let SQLite's planner know the tables' sizes, so that selective lookups start from the right
    index; PostgreSQL's autovacuum keeps its own statistics."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA analysis_limit=400")
        connection.exec_driver_sql("ANALYZE")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that commits on success and rolls back on any exception."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.execution_options(**{_WRITE_OPTION: True})
        else:
            connection.execution_options(isolation_level="READ COMMITTED")
        with connection.begin():
            yield connection


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection whose statements all see one snapshot of the database."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with connection.begin() as transaction:
            yield connection
            transaction.rollback()
