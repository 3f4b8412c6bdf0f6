"""The generated GraphQL schema against Infrahub 1.11.9's own SDL for the network schema."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
)

from infrahub_server.graphql.schema_builder import build_graphql_schema, graphql_schema_for
from infrahub_server.graphql.sdl import print_sdl
from infrahub_server.schema.models import SchemaBranch

GOLDEN_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "golden"


def _shape(schema: GraphQLSchema) -> dict[str, Any]:
    """What golden/README.md compares: kinds, interfaces, fields, printed types, arguments, enum values."""
    shape: dict[str, Any] = {}
    for name, type_ in schema.type_map.items():
        if name.startswith("__"):
            continue
        entry: dict[str, Any] = {"kind": type(type_).__name__}
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            entry["interfaces"] = sorted(i.name for i in type_.interfaces)
            entry["fields"] = {
                field_name: (str(field.type), {arg: str(value.type) for arg, value in field.args.items()})
                for field_name, field in type_.fields.items()
            }
        elif isinstance(type_, GraphQLInputObjectType):
            entry["fields"] = {field_name: str(field.type) for field_name, field in type_.fields.items()}
        elif isinstance(type_, GraphQLEnumType):
            entry["values"] = sorted(type_.values)
        shape[name] = entry
    return shape


@pytest.fixture(scope="module")
def generated(network_schema: SchemaBranch) -> GraphQLSchema:
    return build_graphql_schema(network_schema)


@pytest.fixture(scope="module")
def golden_sdl() -> GraphQLSchema:
    return build_schema((GOLDEN_DIR / "network.schema.graphql").read_text())


def test_schema_matches_golden_semantically(generated: GraphQLSchema, golden_sdl: GraphQLSchema) -> None:
    ours = _shape(generated)
    golden = _shape(golden_sdl)
    assert sorted(ours) == sorted(golden)
    differing = [name for name in golden if ours[name] != golden[name]]
    assert differing == []


def test_type_and_root_field_counts(generated: GraphQLSchema) -> None:
    kinds = Counter(type(t).__name__ for name, t in generated.type_map.items() if not name.startswith("__"))
    assert kinds == {
        "GraphQLObjectType": 1020,
        "GraphQLInterfaceType": 35,
        "GraphQLInputObjectType": 314,
        "GraphQLEnumType": 14,
        "GraphQLScalarType": 9,
    }
    assert generated.query_type is not None
    assert len(generated.query_type.fields) == 133
    assert generated.mutation_type is not None
    assert len(generated.mutation_type.fields) == 366
    assert generated.subscription_type is not None
    assert len(generated.subscription_type.fields) == 1


def test_unsorted_sdl_lists_the_directive_first(generated: GraphQLSchema) -> None:
    printed = print_sdl(generated)
    assert printed.startswith('"""Expands a field to include Node defaults"""\ndirective @expand(')
    assert printed.endswith("}")


def test_descriptions_and_deprecations_follow_the_schema(generated: GraphQLSchema) -> None:
    device = generated.get_type("NetDevice")
    assert isinstance(device, GraphQLObjectType)
    assert device.fields["name"].description == "None (required)"
    assert device.fields["asn"].description == "None"
    branch = generated.get_type("Branch")
    assert isinstance(branch, GraphQLObjectType)
    assert branch.fields["has_schema_changes"].deprecation_reason is not None


def test_schema_is_cached_per_schema_hash(network_schema: SchemaBranch) -> None:
    first = graphql_schema_for(network_schema)
    assert graphql_schema_for(network_schema.model_copy()) is first
    other = network_schema.model_copy(update={"hash": network_schema.hash + "-changed"})
    assert graphql_schema_for(other) is not first
