"""A small network schema, as `GET /api/schema` returns it, shared by the SDK tests."""

from __future__ import annotations

from typing import Any

import pytest

SITE_ID = "1856b2d1-0000-4000-8000-000000000001"
DEVICE_ID = "1856b2d7-0000-4000-8000-000000000002"


def _attribute(name: str, kind: str = "Text", optional: bool = True, **extra: Any) -> dict[str, Any]:
    return {"name": name, "kind": kind, "optional": optional, **extra}


SCHEMA_BODY: dict[str, Any] = {
    "main": "a1b2",
    "nodes": [
        {
            "name": "Device",
            "namespace": "Infra",
            "default_filter": "name__value",
            "human_friendly_id": ["name__value"],
            "attributes": [
                _attribute("name", optional=False, unique=True),
                _attribute("description"),
                _attribute("asn", kind="Number"),
            ],
            "relationships": [
                {
                    "name": "site",
                    "peer": "InfraSite",
                    "cardinality": "one",
                    "kind": "Attribute",
                    "optional": True,
                },
                {"name": "tags", "peer": "BuiltinTag", "cardinality": "many", "kind": "Generic"},
            ],
        },
        {
            "name": "Site",
            "namespace": "Infra",
            "default_filter": "name__value",
            "human_friendly_id": ["name__value"],
            "attributes": [_attribute("name", optional=False, unique=True)],
            "relationships": [],
        },
        {
            "name": "Tag",
            "namespace": "Builtin",
            "default_filter": "name__value",
            "human_friendly_id": ["name__value"],
            "attributes": [_attribute("name", optional=False, unique=True)],
            "relationships": [],
        },
    ],
    "generics": [],
}


@pytest.fixture
def schema_body() -> dict[str, Any]:
    return SCHEMA_BODY
