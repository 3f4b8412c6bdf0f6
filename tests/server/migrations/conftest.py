"""A real store with a small device schema, for loading changed schemas over existing data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from migration_harness import Inventory

from infrahub_server.store import Store


@pytest.fixture
def inventory(database_url: str) -> Iterator[Inventory]:
    store = Store.open(database_url)
    try:
        yield Inventory(store)
    finally:
        store.close()
