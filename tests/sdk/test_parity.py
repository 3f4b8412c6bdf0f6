"""Every async class and its blocking twin expose the same public methods with the same parameters."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from infrahub_sdk import InfrahubClient, InfrahubClientSync
from infrahub_sdk.batch import InfrahubBatch, InfrahubBatchSync
from infrahub_sdk.branch import InfrahubBranchManager, InfrahubBranchManagerSync
from infrahub_sdk.node import (
    InfrahubNode,
    InfrahubNodeSync,
    RelatedNode,
    RelatedNodeSync,
    RelationshipManager,
    RelationshipManagerSync,
)
from infrahub_sdk.object_store import ObjectStore, ObjectStoreSync
from infrahub_sdk.query_groups import InfrahubGroupContext, InfrahubGroupContextSync
from infrahub_sdk.schema import InfrahubSchema, InfrahubSchemaSync
from infrahub_sdk.store import NodeStore, NodeStoreSync

PAIRS = [
    (InfrahubClient, InfrahubClientSync),
    (InfrahubNode, InfrahubNodeSync),
    (RelatedNode, RelatedNodeSync),
    (RelationshipManager, RelationshipManagerSync),
    (InfrahubSchema, InfrahubSchemaSync),
    (InfrahubBranchManager, InfrahubBranchManagerSync),
    (InfrahubBatch, InfrahubBatchSync),
    (NodeStore, NodeStoreSync),
    (ObjectStore, ObjectStoreSync),
    (InfrahubGroupContext, InfrahubGroupContextSync),
]
# The async batch can share a semaphore between batches; threads need no such thing.
CONSTRUCTOR_DIFFERENCES: dict[type, set[str]] = {InfrahubBatch: {"semaphore"}}


def public_methods(cls: type) -> dict[str, object]:
    return {
        name: member
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_")
        and (inspect.isfunction(member) or isinstance(member, property | classmethod))
    } | {name: getattr(cls, name) for name in ("__init__",)}


def parameters(member: object) -> list[tuple[str, object, object]]:
    if isinstance(member, property):
        return [("<property>", None, None)]
    function = member.__func__ if isinstance(member, classmethod) else member
    signature = inspect.signature(function)  # type: ignore[arg-type]
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


@pytest.mark.parametrize(("async_cls", "sync_cls"), PAIRS, ids=lambda cls: cls.__name__)
def test_same_methods_and_parameters(async_cls: type, sync_cls: type) -> None:
    async_methods, sync_methods = public_methods(async_cls), public_methods(sync_cls)
    assert sorted(async_methods) == sorted(sync_methods)
    for name, member in async_methods.items():
        expected = parameters(member)
        if name == "__init__":
            skip = CONSTRUCTOR_DIFFERENCES.get(async_cls, set())
            expected = [item for item in expected if item[0] not in skip]
        assert parameters(sync_methods[name]) == expected, f"{async_cls.__name__}.{name}"


@pytest.mark.parametrize(("async_cls", "sync_cls"), PAIRS, ids=lambda cls: cls.__name__)
def test_async_methods_block_in_the_sync_twin(async_cls: type, sync_cls: type) -> None:
    for name, member in public_methods(async_cls).items():
        if inspect.iscoroutinefunction(member):
            assert not inspect.iscoroutinefunction(getattr(sync_cls, name)), f"{sync_cls.__name__}.{name}"


def test_generated_sync_code_is_up_to_date() -> None:
    script = Path(__file__).resolve().parents[2] / "scripts" / "unasync.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
