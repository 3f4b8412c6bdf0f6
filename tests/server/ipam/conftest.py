from __future__ import annotations

from collections.abc import Iterator

import pytest
from ipam_harness import Ipam, ipam_schema

from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Store


@pytest.fixture(scope="session")
def schema() -> SchemaBranch:
    return ipam_schema()


@pytest.fixture
def ipam(database_url: str, schema: SchemaBranch) -> Iterator[Ipam]:
    store = Store.open(database_url)
    try:
        yield Ipam(store, schema)
    finally:
        store.close()
