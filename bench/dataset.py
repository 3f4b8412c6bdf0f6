"""The benchmark network: sites, platforms, devices with a role, a primary address and interfaces.

Shared by the server, Nornir and Ansible benchmarks so their figures describe the same data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx

SCHEMA: dict[str, Any] = {
    "version": "1.0",
    "nodes": [
        {
            "name": "Site",
            "namespace": "Bench",
            "human_friendly_id": ["name__value"],
            "display_label": "name__value",
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
        },
        {
            "name": "Platform",
            "namespace": "Bench",
            "human_friendly_id": ["name__value"],
            "display_label": "name__value",
            "attributes": [
                {"name": "name", "kind": "Text", "unique": True},
                {"name": "nornir_platform", "kind": "Text", "optional": True},
            ],
        },
        {
            "name": "Address",
            "namespace": "Bench",
            "human_friendly_id": ["address__value"],
            "display_label": "address__value",
            "attributes": [{"name": "address", "kind": "IPHost", "unique": True}],
        },
        {
            "name": "Device",
            "namespace": "Bench",
            "human_friendly_id": ["name__value"],
            "display_label": "name__value",
            "order_by": ["name__value"],
            "attributes": [
                {"name": "name", "kind": "Text", "unique": True},
                {"name": "role", "kind": "Dropdown", "choices": [{"name": "spine"}, {"name": "leaf"}]},
                {"name": "asn", "kind": "Number", "optional": True},
                {"name": "serial", "kind": "Text", "optional": True},
                {"name": "status", "kind": "Text", "default_value": "active"},
            ],
            "relationships": [
                {
                    "name": "site",
                    "peer": "BenchSite",
                    "cardinality": "one",
                    "kind": "Attribute",
                    "optional": False,
                },
                {"name": "platform", "peer": "BenchPlatform", "cardinality": "one", "kind": "Attribute"},
                {
                    "name": "primary_address",
                    "peer": "BenchAddress",
                    "cardinality": "one",
                    "kind": "Attribute",
                },
                {
                    "name": "interfaces",
                    "peer": "BenchInterface",
                    "cardinality": "many",
                    "kind": "Component",
                    "identifier": "benchdevice__benchinterface",
                },
            ],
        },
        {
            "name": "Interface",
            "namespace": "Bench",
            "human_friendly_id": ["device__name__value", "name__value"],
            "display_label": "name__value",
            "attributes": [
                {"name": "name", "kind": "Text"},
                {"name": "enabled", "kind": "Boolean", "default_value": True},
            ],
            "relationships": [
                {
                    "name": "device",
                    "peer": "BenchDevice",
                    "cardinality": "one",
                    "kind": "Parent",
                    "optional": False,
                    "identifier": "benchdevice__benchinterface",
                },
            ],
        },
    ],
}

SITES = 50
PLATFORMS = ("eos", "junos", "frr")
INTERFACES_PER_DEVICE = 4


def _mutations(items: list[tuple[str, str]]) -> str:
    body = "\n".join(
        f"  m{index}: {kind}Create(data: {data}) {{ ok }}" for index, (kind, data) in enumerate(items)
    )
    return f"mutation {{\n{body}\n}}"


def _device_items(index: int) -> Iterator[tuple[str, str]]:
    name = f"dev{index:06d}"
    octets = f"{10 + index // 65536}.{index // 256 % 256}.{index % 256}"
    role = "spine" if index % 10 == 0 else "leaf"
    yield "BenchAddress", f'{{address: {{value: "10.{octets}/32"}}}}'
    yield (
        "BenchDevice",
        f'{{name: {{value: "{name}"}}, role: {{value: "{role}"}}, asn: {{value: {65000 + index % 1000}}}, '
        f'serial: {{value: "SN{index:08d}"}}, site: {{hfid: ["site{index % SITES:03d}"]}}, '
        f'platform: {{hfid: ["{PLATFORMS[index % len(PLATFORMS)]}"]}}, '
        f'primary_address: {{hfid: ["10.{octets}/32"]}}}}',
    )
    for port in range(INTERFACES_PER_DEVICE):
        yield "BenchInterface", f'{{name: {{value: "eth{port}"}}, device: {{hfid: ["{name}"]}}}}'


def load(client: httpx.Client, devices: int, *, batch: int = 50) -> int:
    """Load the schema and `devices` devices; returns the number of objects created."""
    response = client.post("/api/schema/load", json={"schemas": [SCHEMA]}, timeout=120)
    response.raise_for_status()
    base: list[tuple[str, str]] = [("BenchSite", f'{{name: {{value: "site{i:03d}"}}}}') for i in range(SITES)]
    base += [
        ("BenchPlatform", f'{{name: {{value: "{p}"}}, nornir_platform: {{value: "{p}"}}}}') for p in PLATFORMS
    ]
    _execute(client, base)
    created = len(base)
    for start in range(0, devices, batch):
        items = [item for index in range(start, min(start + batch, devices)) for item in _device_items(index)]
        _execute(client, items)
        created += len(items)
    return created


def _execute(client: httpx.Client, items: list[tuple[str, str]]) -> None:
    response = client.post("/graphql/main", json={"query": _mutations(items)}, timeout=300)
    response.raise_for_status()
    body = response.json()
    if body.get("errors"):
        raise RuntimeError(body["errors"][0]["message"])
