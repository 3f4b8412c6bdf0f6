"""The front doors: each public module exports a sorted `__all__` of names that exist."""

from __future__ import annotations

import importlib

import pytest

PUBLIC_MODULES = [
    "infrahub_sdk",
    "infrahub_sdk.branch",
    "infrahub_sdk.client",
    "infrahub_sdk.graphql",
    "infrahub_sdk.node",
    "infrahub_sdk.node.node",
    "infrahub_sdk.node.related_node",
    "infrahub_sdk.node.relationship",
    "infrahub_sdk.object_store",
    "infrahub_sdk.query_groups",
    "infrahub_sdk.schema",
]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_sorted_and_complete(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert exported == sorted(exported, key=lambda item: (not item.isupper(), item))
    for member in exported:
        assert hasattr(module, member), f"{name}.{member}"


def test_the_import_map_of_the_official_sdk() -> None:
    from infrahub_sdk import Config, InfrahubClient, InfrahubClientSync, __version__
    from infrahub_sdk.branch import BranchData, BranchStatus, InfrahubBranchManager, InfrahubBranchManagerSync
    from infrahub_sdk.exceptions import Error, GraphQLError, NodeNotFoundError, SchemaNotFoundError
    from infrahub_sdk.graphql import Mutation, Query
    from infrahub_sdk.node import Attribute, InfrahubNode, InfrahubNodeSync, RelatedNode, RelationshipManager
    from infrahub_sdk.schema import NodeSchemaAPI, SchemaRoot
    from infrahub_sdk.types import Order
    from infrahub_sdk.utils import dict_hash, is_valid_uuid

    assert issubclass(GraphQLError, Error)
    assert issubclass(NodeNotFoundError, Error)
    assert issubclass(SchemaNotFoundError, Error)
    assert all(
        callable(item)
        for item in (
            Config,
            InfrahubClient,
            InfrahubClientSync,
            BranchData,
            BranchStatus,
            InfrahubBranchManager,
            InfrahubBranchManagerSync,
            Mutation,
            Query,
            Attribute,
            InfrahubNode,
            InfrahubNodeSync,
            RelatedNode,
            RelationshipManager,
            NodeSchemaAPI,
            SchemaRoot,
            Order,
            dict_hash,
            is_valid_uuid,
        )
    )
    assert isinstance(__version__, str)
