"""The object store behind `client.object_store` (artifacts, uploaded content, files)."""

from ._async.object_store import ObjectStore
from ._sync.object_store import ObjectStoreSync

__all__ = ["ObjectStore", "ObjectStoreSync"]
