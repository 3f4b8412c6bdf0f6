"""A real SQLite store with the golden network schema, and a small façade to write and read it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from node_harness import Network

from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Store

GOLDEN_SCHEMA = (
    Path(__file__).resolve().parents[4] / "shared" / "reference" / "golden" / "network.api-schema.json"
)


@pytest.fixture(scope="session")
def network_schema() -> SchemaBranch:
    if not GOLDEN_SCHEMA.is_file():
        pytest.fail(
            f"golden schema not found at {GOLDEN_SCHEMA}: the shared/ folder must sit beside the repository"
        )
    return SchemaBranch.from_api_payload(json.loads(GOLDEN_SCHEMA.read_text()))


@pytest.fixture
def network(tmp_path: Path, network_schema: SchemaBranch) -> Iterator[Network]:
    store = Store.open(f"sqlite:///{tmp_path / 'nodes.db'}")
    try:
        yield Network(store, network_schema)
    finally:
        store.close()


@pytest.fixture
def region(network: Network) -> str:
    return network.create("NetRegion", {"name": {"value": "americas"}})


@pytest.fixture
def site(network: Network, region: str) -> str:
    return network.create("NetSite", {"name": {"value": "atl1"}, "parent": {"id": region}})


@pytest.fixture
def device(network: Network, site: str) -> str:
    return network.create(
        "NetDevice", {"name": {"value": "atl1-edge1"}, "role": {"value": "spine"}, "site": {"id": site}}
    )


@pytest.fixture
def make_device(network: Network, site: str) -> Callable[..., str]:
    """Create a leaf device at `site`: make_device("name", asn={"value": 65000})."""

    def make(name: str, **fields: Any) -> str:
        return network.create(
            "NetDevice", {"name": {"value": name}, "role": {"value": "leaf"}, "site": {"id": site}, **fields}
        )

    return make


@pytest.fixture
def make_interface(network: Network) -> Callable[[str, str], str]:
    def make(device_id: str, name: str) -> str:
        return network.create("NetInterface", {"name": {"value": name}, "device": {"id": device_id}})

    return make
