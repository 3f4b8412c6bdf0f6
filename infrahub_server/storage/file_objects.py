"""File objects: nodes of kinds inheriting `CoreFileObject`, whose content lives in object storage.

A client uploads the file with the node's create, update or upsert mutation (GraphQL multipart
request). The upload is stored first, then `uploaded_file(...)` makes its metadata available to the
node write of the same thread: `FileObjectHooks` fills the read-only attributes `file_name`,
`checksum` (SHA-1, as the SDK compares it), `file_size`, `file_type` and `storage_id` from it, and
refuses to create a file object without a file.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from infrahub_server.errors import NodeNotFoundError, ValidationError
from infrahub_server.nodes.inputs import AttributeInput, NodeInput
from infrahub_server.nodes.kind_hooks import KindHooks, register_kind_hooks
from infrahub_server.nodes.lookup import hfid_filters
from infrahub_server.schema.models import KindSchema, SchemaBranch
from infrahub_server.storage.object_store import FILE_NAMESPACE, ObjectStorage
from infrahub_server.store import NodeRecord, Reader
from infrahub_server.store.types import AttributeFilter

if TYPE_CHECKING:
    from infrahub_server.nodes.service import NodeService

FILE_OBJECT = "CoreFileObject"
FILE_ATTRIBUTES = ("file_name", "checksum", "file_size", "file_type", "storage_id")


@dataclass(frozen=True, slots=True)
class FileMetadata:
    file_name: str
    checksum: str
    file_size: int
    file_type: str
    storage_id: str

    def values(self) -> dict[str, str | int]:
        return {name: getattr(self, name) for name in FILE_ATTRIBUTES}


def store_file(
    storage: ObjectStorage, file_name: str, content: bytes, content_type: str | None
) -> FileMetadata:
    """Store an uploaded file; its type is the upload's, else guessed from its name."""
    stored = storage.store(content, namespace=FILE_NAMESPACE)
    file_type = content_type if content_type and content_type != "application/octet-stream" else None
    file_type = file_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    return FileMetadata(
        file_name=file_name,
        checksum=hashlib.sha1(content, usedforsecurity=False).hexdigest(),
        file_size=len(content),
        file_type=file_type,
        storage_id=stored.identifier,
    )


_PENDING_UPLOAD: ContextVar[FileMetadata | None] = ContextVar("pending_file_upload", default=None)


@contextmanager
def uploaded_file(metadata: FileMetadata | None) -> Iterator[None]:
    """Node writes inside the block take their file attributes from `metadata`."""
    token = _PENDING_UPLOAD.set(metadata)
    try:
        yield
    finally:
        _PENDING_UPLOAD.reset(token)


class FileObjectHooks(KindHooks):
    kinds = frozenset({FILE_OBJECT})

    def before_write(
        self, service: NodeService, schema: KindSchema, node_id: str | None, node_input: NodeInput
    ) -> None:
        metadata = _PENDING_UPLOAD.get()
        if metadata is None:
            if node_id is None:
                raise ValidationError(
                    f"A file must be uploaded to create a {schema.kind} (multipart request, variable 'file')",
                    data={"node_kind": schema.kind, "field_name": "file"},
                )
            return
        for name, value in metadata.values().items():
            node_input.attributes[name] = AttributeInput(value=value)


register_kind_hooks(FileObjectHooks())


def is_file_object_kind(schema: SchemaBranch, kind: str) -> bool:
    return schema.has(kind) and FILE_OBJECT in getattr(schema.get(kind), "inherit_from", ())


def _file_object(reader: Reader, node_id: str | None, identifier: str) -> NodeRecord:
    node = reader.get_nodes([node_id], FILE_ATTRIBUTES).get(node_id) if node_id else None
    if node is None:
        raise NodeNotFoundError(
            f"Unable to find the node {identifier} / {FILE_OBJECT} in the database.",
            data={"node_type": FILE_OBJECT, "identifier": identifier},
        )
    return node


def file_object_by_id(reader: Reader, schema: SchemaBranch, node_id: str) -> NodeRecord:
    kind = reader.kinds_of([node_id]).get(node_id)
    return _file_object(reader, node_id if kind and is_file_object_kind(schema, kind) else None, node_id)


def file_object_by_hfid(reader: Reader, schema: SchemaBranch, kind: str, hfid: list[str]) -> NodeRecord:
    if not is_file_object_kind(schema, kind):
        raise ValidationError(f"'{kind}' is not a file object", data={"node_kind": kind})
    filters = hfid_filters(schema, kind, hfid)
    found = reader.find_node_ids([kind], filters, limit=1) if filters is not None else []
    return _file_object(reader, found[0] if found else None, "/".join(hfid))


def file_object_kinds(schema: SchemaBranch) -> list[str]:
    return schema.concrete_kinds(FILE_OBJECT) if schema.has(FILE_OBJECT) else []


def file_object_by_storage_id(reader: Reader, schema: SchemaBranch, storage_id: str) -> NodeRecord:
    kinds = file_object_kinds(schema)
    found = (
        reader.find_node_ids(kinds, [AttributeFilter("storage_id", "eq", storage_id)], limit=1)
        if kinds
        else []
    )
    return _file_object(reader, found[0] if found else None, storage_id)


def belongs_to_file_object(reader: Reader, schema: SchemaBranch, storage_id: str) -> bool:
    kinds = file_object_kinds(schema)
    return bool(kinds) and bool(
        reader.find_node_ids(kinds, [AttributeFilter("storage_id", "eq", storage_id)], limit=1)
    )
