"""Related nodes (the official SDK's module path)."""

from infrahub_sdk._async.node import RelatedNode
from infrahub_sdk._sync.node import RelatedNodeSync

from ._related import RelatedNodeBase

__all__ = ["RelatedNode", "RelatedNodeBase", "RelatedNodeSync"]
