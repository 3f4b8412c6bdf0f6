"""Fixtures shared by every test package: where the databases are."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLDEN_DIR = REPO_ROOT.parent / "shared" / "reference" / "golden"


def _postgres_admin_url() -> str | None:
    url = os.environ.get("INFRAHUB_TEST_POSTGRES_URL")
    if url:
        return url
    if os.environ.get("INFRAHUB_TEST_REQUIRE_POSTGRES"):
        pytest.fail("INFRAHUB_TEST_REQUIRE_POSTGRES is set but INFRAHUB_TEST_POSTGRES_URL is not")
    return None


def _fresh_postgres_database(admin_url: str) -> Iterator[str]:
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(
        admin_url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base, _, _ = admin_url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database: a SQLite file, or a fresh database on the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'infrahub.db'}"
        return
    admin_url = _postgres_admin_url()
    if admin_url is None:
        pytest.skip("PostgreSQL not available: set INFRAHUB_TEST_POSTGRES_URL (scripts/test starts one)")
    yield from _fresh_postgres_database(admin_url)


@pytest.fixture
def golden_dir() -> Path:
    if not GOLDEN_DIR.is_dir():
        pytest.fail(
            f"golden files not found at {GOLDEN_DIR}: the shared/ folder must sit beside the repository"
        )
    return GOLDEN_DIR
