"""Content-addressed object storage: every stored object is a file named after its content.

An object's identifier is a UUID-shaped name derived from the SHA-256 of its content (and of a
namespace, so uploaded files and artefacts never share an identifier), which makes storing the
same content twice a no-op and lets anyone holding the bytes know where they live. Files sit in
`<directory>/<first two hex digits>/<identifier>` and are written through a temporary file and an
atomic rename, so a reader never sees half an object.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from infrahub_server.errors import NodeNotFoundError
from infrahub_server.settings import Settings

logger = logging.getLogger(__name__)

ARTIFACT_NAMESPACE = ""
FILE_NAMESPACE = "file"


@dataclass(frozen=True, slots=True)
class StoredObject:
    identifier: str
    checksum: str
    """MD5 hex of the content: what Infrahub reports for stored content and artefacts."""
    size: int


def object_identifier(content: bytes, namespace: str = ARTIFACT_NAMESPACE) -> str:
    digest = hashlib.sha256(namespace.encode() + b"\0" + content).digest()
    return str(uuid.UUID(bytes=digest[:16]))


def md5_checksum(content: bytes) -> str:
    return hashlib.md5(content, usedforsecurity=False).hexdigest()


class ObjectStorage:
    """Objects under one directory; safe to share between threads and server processes."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._made: set[Path] = set()

    def path_of(self, identifier: str) -> Path:
        name = str(uuid.UUID(identifier))  # refuses anything that is not an identifier, e.g. "../x"
        return self.directory / name[:2] / name

    def store(self, content: bytes, *, namespace: str = ARTIFACT_NAMESPACE) -> StoredObject:
        identifier = object_identifier(content, namespace)
        path = self.path_of(identifier)
        if not path.exists():
            if path.parent not in self._made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(path.parent)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
            try:
                with os.fdopen(handle, "wb") as output:
                    output.write(content)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            logger.debug("stored object %s (%d bytes)", identifier, len(content))
        return StoredObject(identifier, md5_checksum(content), len(content))

    def exists(self, identifier: str) -> bool:
        try:
            return self.path_of(identifier).is_file()
        except ValueError:
            return False

    def retrieve(self, identifier: str) -> bytes:
        try:
            return self.path_of(identifier).read_bytes()
        except (ValueError, FileNotFoundError):
            raise NodeNotFoundError(
                f"Unable to find the object {identifier} in the storage",
                data={"node_type": "StorageObject", "identifier": identifier},
            ) from None


def storage_directory(settings: Settings) -> Path:
    """`storage_directory` when set, else `storage/` beside the SQLite file (or in the working
    directory for PostgreSQL)."""
    if settings.storage_directory:
        return Path(settings.storage_directory)
    database = make_url(settings.database_url).database if settings.is_sqlite else None
    if database and database != ":memory:":
        return Path(database).resolve().parent / "storage"
    return Path("storage").resolve()


def object_storage(settings: Settings) -> ObjectStorage:
    return ObjectStorage(storage_directory(settings))
