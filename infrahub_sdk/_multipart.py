"""GraphQL multipart requests (the file-upload extension of GraphQL over HTTP): form fields
`operations` (the query, with `variables.file` null) and `map` (`{"0": ["variables.file"]}`), and
the file itself as part `0`. A file on disk is streamed, not read into memory."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO


@dataclass(frozen=True)
class FileUpload:
    """The content to upload (bytes, or a path read when the request is sent) and its file name."""

    content: bytes | Path
    name: str

    @classmethod
    def from_source(cls, content: bytes | BinaryIO | Path, name: str | None = None) -> FileUpload:
        if isinstance(content, Path):
            return cls(content, name or content.name)
        data = content if isinstance(content, bytes) else content.read()
        return cls(data, name or "upload")

    @property
    def content_type(self) -> str:
        return mimetypes.guess_type(self.name)[0] or "application/octet-stream"

    def sha1(self) -> str:
        return sha1_of_source(self.content)


def sha1_of_source(source: bytes | BinaryIO | Path) -> str:
    """The SHA-1 of bytes, of a file (read in chunks), or of a stream from its current position."""
    digest = hashlib.sha1(usedforsecurity=False)
    if isinstance(source, bytes):
        digest.update(source)
        return digest.hexdigest()
    with source.open("rb") if isinstance(source, Path) else _borrowed(source) as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def _borrowed(stream: BinaryIO) -> Iterator[BinaryIO]:
    yield stream


@dataclass(frozen=True)
class MultipartRequest:
    query: str
    upload: FileUpload
    variables: dict[str, Any] = field(default_factory=dict)
    operation_name: str | None = None

    def fields(self) -> dict[str, str]:
        operations: dict[str, Any] = {"query": self.query, "variables": {**self.variables, "file": None}}
        if self.operation_name:
            operations["operationName"] = self.operation_name
        return {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})}

    @contextmanager
    def files(self) -> Iterator[dict[str, Any]]:
        """The `files` argument of an httpx request; a file on disk stays open while it is sent."""
        content = self.upload.content
        if isinstance(content, Path):
            with content.open("rb") as handle:
                yield {"0": (self.upload.name, handle, self.upload.content_type)}
        else:
            yield {"0": (self.upload.name, content, self.upload.content_type)}


@dataclass(frozen=True)
class UploadResult:
    """What `upload_if_changed` did: whether the content was sent, and the SHA-1 the server now holds."""

    was_uploaded: bool
    checksum: str | None
