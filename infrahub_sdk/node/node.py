"""Nodes (the official SDK's module path)."""

from infrahub_sdk._async.node import InfrahubNode
from infrahub_sdk._sync.node import InfrahubNodeSync

from ._core import InfrahubNodeBase

__all__ = ["InfrahubNode", "InfrahubNodeBase", "InfrahubNodeSync"]
