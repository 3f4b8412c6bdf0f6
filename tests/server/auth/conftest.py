from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from infrahub_server.auth.credentials import CredentialStore
from infrahub_server.auth.tables import create_tables
from infrahub_server.store.engine import create_store_engine


@pytest.fixture
def engine(database_url: str) -> Iterator[sa.Engine]:
    engine = create_store_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def credentials(engine: sa.Engine) -> CredentialStore:
    create_tables(engine)
    return CredentialStore(engine)
