"""Object storage (artefact contents, uploaded content) and file objects (`CoreFileObject` kinds)."""

from infrahub_server.storage.file_objects import FileMetadata, store_file, uploaded_file
from infrahub_server.storage.object_store import (
    ObjectStorage,
    StoredObject,
    object_storage,
    storage_directory,
)

__all__ = [
    "FileMetadata",
    "ObjectStorage",
    "StoredObject",
    "object_storage",
    "storage_directory",
    "store_file",
    "uploaded_file",
]
