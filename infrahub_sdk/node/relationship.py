"""Relationship managers (the official SDK's module path)."""

from infrahub_sdk._async.node import RelationshipManager
from infrahub_sdk._sync.node import RelationshipManagerSync

from ._related import RelationshipManagerBase

__all__ = ["RelationshipManager", "RelationshipManagerBase", "RelationshipManagerSync"]
