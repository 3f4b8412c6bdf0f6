# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Files held by nodes of kinds that inherit CoreFileObject: compare, upload, download."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError

CHUNK = 1 << 20


def local_checksum(path: str) -> str:
    """The SHA-1 of a local file, as the server records it in a file object's `checksum`."""
    digest = hashlib.sha1()  # nosec B324 - the server's content fingerprint, not security
    try:
        with open(path, "rb") as source:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
    except OSError as exc:
        raise InfrahubCollectionError(f"file_path: cannot read {path}: {exc.strerror}") from exc
    return digest.hexdigest()


def require_file_kind(schema: Any, option: str) -> None:
    if not getattr(schema, "supports_file_object", False):
        raise InfrahubCollectionError(f"{option}: {schema.kind} is not a file object kind (it does not inherit CoreFileObject)")


def stored_checksum(node: Any) -> str | None:
    checksum = getattr(node, "checksum", None)
    return None if checksum is None else checksum.value


def attach(node: Any, path: str) -> None:
    """Send the file with the node's next save."""
    node.upload_from_path(Path(path))


def fetched_file(node: Any) -> dict[str, Any]:
    """The node's file: metadata, `binary` (base64) and `text` when it is UTF-8."""
    content = node.download_file()
    result: dict[str, Any] = {
        "file_name": node.file_name.value,
        "file_type": node.file_type.value,
        "file_size": node.file_size.value,
        "checksum": node.checksum.value,
        "binary": base64.b64encode(content).decode("ascii"),
    }
    try:
        result["text"] = content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return result
