"""The golden network schema (real Infrahub 1.11 `/api/schema` output), read through our SDK's models."""

from __future__ import annotations

import json

import pytest
from graphql import GraphQLSchema, build_schema

from infrahub_sdk.schema.main import BranchSchema
from nornir_plugin._paths import SchemaLike, SchemaLookup
from tests.conftest import GOLDEN_DIR


@pytest.fixture(scope="session")
def network_schema() -> BranchSchema:
    path = GOLDEN_DIR / "network.api-schema.json"
    if not path.is_file():
        pytest.fail(f"golden file not found at {path}: the shared/ folder must sit beside the repository")
    with path.open(encoding="utf-8") as stream:
        return BranchSchema.from_api_response(json.load(stream))


@pytest.fixture
def schema_of(network_schema: BranchSchema) -> SchemaLookup:
    def lookup(kind: str) -> SchemaLike:
        return network_schema.nodes[kind]

    return lookup


@pytest.fixture(scope="session")
def infrahub_graphql_schema() -> GraphQLSchema:
    """Infrahub 1.11's own GraphQL schema for the golden network schema."""
    sdl = (GOLDEN_DIR / "network.schema.graphql").read_text(encoding="utf-8")
    return build_schema(sdl, assume_valid=True, assume_valid_sdl=True, no_location=True)
