"""The golden network schema, a real store, and a small network written through GraphQL mutations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from graphql_harness import GraphQLHarness

from infrahub_server.ipam import prepare_ipam
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Store

GOLDEN_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "golden"


@pytest.fixture(scope="session")
def network_schema() -> SchemaBranch:
    if not GOLDEN_DIR.is_dir():
        pytest.fail(
            f"golden files not found at {GOLDEN_DIR}: the shared/ folder must sit beside the repository"
        )
    payload = json.loads((GOLDEN_DIR / "network.api-schema.json").read_text())
    return SchemaBranch.from_api_payload(payload)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url)
    prepare_ipam(opened)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def gql(store: Store, network_schema: SchemaBranch) -> GraphQLHarness:
    return GraphQLHarness(store, network_schema)


@pytest.fixture
def network(gql: GraphQLHarness) -> dict[str, str]:
    """americas > atl1, nyc1; platform eos; atl1-leaf1 (2 interfaces), atl1-leaf2, nyc1-spine1.

    Returns the ids by name.
    """
    ids = {"americas": gql.create("NetRegion", '{name: {value: "americas"}}')}
    for site in ("atl1", "nyc1"):
        ids[site] = gql.create("NetSite", f'{{name: {{value: "{site}"}}, parent: {{hfid: ["americas"]}}}}')
    ids["eos"] = gql.create("NetPlatform", '{name: {value: "eos"}, nornir_platform: {value: "arista_eos"}}')
    devices = [
        ("atl1-leaf1", "leaf", "atl1", 'asn: {value: 65001}, platform: {hfid: ["eos"]}'),
        ("atl1-leaf2", "leaf", "atl1", "asn: {value: 65002}"),
        ("nyc1-spine1", "spine", "nyc1", 'description: {value: "Core Spine"}'),
    ]
    for name, role, site, extra in devices:
        ids[name] = gql.create(
            "NetDevice",
            f'{{name: {{value: "{name}"}}, role: {{value: "{role}"}}, site: {{hfid: ["{site}"]}}, {extra}}}',
        )
    for interface in ("Ethernet1", "Ethernet2"):
        ids[interface] = gql.create(
            "NetInterface", f'{{name: {{value: "{interface}"}}, device: {{hfid: ["atl1-leaf1"]}}}}'
        )
    return ids
