"""nornir-infrahub's file object tasks, same names and arguments: upload (skipped when the server already
holds the same SHA-1) and download of nodes whose kind inherits `CoreFileObject`."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import httpx
from nornir.core.task import Result, Task

from infrahub_sdk import InfrahubClientSync
from infrahub_sdk.exceptions import Error
from infrahub_sdk.node import InfrahubNodeSync

from ._host import failure, get_client


def upload_file_object(
    task: Task,
    kind: str,
    file_path: str | None = None,
    content: str | bytes | None = None,
    file_name: str | None = None,
    data: dict[str, Any] | None = None,
    object_id: str | None = None,
    hfid: list[str] | None = None,
    branch: str | None = None,
    **kwargs: Any,
) -> Result:
    """Creates a file object of `kind` (with `data` for its other attributes), or updates the one given by
    `object_id` or `hfid`, from `file_path` or `content` (then `file_name` names it). Extra keyword
    arguments are attributes too."""
    if (file_path is None) == (content is None):
        raise ValueError("upload_file_object: give exactly one of `file_path` and `content`")
    source: bytes | Path = Path(file_path) if file_path is not None else _as_bytes(content)
    if isinstance(source, bytes) and not file_name:
        raise ValueError("upload_file_object: `file_name` is required with `content`")
    values = {**(data or {}), **kwargs}
    try:
        with get_client(task) as client:
            node = _existing(client, kind, object_id, hfid, branch)
            if node is None:
                node = client.create(kind=kind, data=values, branch=branch or client.default_branch)
            else:
                for name, value in values.items():
                    getattr(node, name).value = value
            outcome = node.upload_if_changed(source, name=file_name)
    except (Error, httpx.HTTPError, OSError) as error:
        return failure(task, "upload_file_object", f"{kind}: {error}")
    result = {"object_id": node.id, "checksum": outcome.checksum, "uploaded": outcome.was_uploaded}
    return Result(host=task.host, changed=outcome.was_uploaded, result=result)


def download_file_object(
    task: Task,
    kind: str,
    object_id: str | None = None,
    hfid: list[str] | None = None,
    save_to: str | None = None,
    branch: str | None = None,
) -> Result:
    """The file of the `kind` node given by `object_id` or `hfid`: base64 `binary`, `text` (when it is
    UTF-8), its metadata, and with `save_to` a copy written there."""
    if object_id is None and hfid is None:
        raise ValueError("download_file_object: give `object_id` or `hfid`")
    try:
        with get_client(task) as client:
            node = _existing(client, kind, object_id, hfid, branch)
            assert node is not None
            content = node.download_file()
        assert isinstance(content, bytes)
        if save_to is not None:
            Path(save_to).write_bytes(content)
    except (Error, httpx.HTTPError, OSError) as error:
        return failure(task, "download_file_object", f"{kind} {object_id or hfid}: {error}")
    try:
        text: str | None = content.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    result = {
        "binary": base64.b64encode(content).decode("ascii"),
        "text": text,
        "file_name": node.file_name.value,
        "file_type": node.file_type.value,
        "file_size": node.file_size.value,
        "checksum": node.checksum.value,
        "object_id": node.id,
        "save_to": save_to,
    }
    return Result(host=task.host, result=result)


def _existing(
    client: InfrahubClientSync, kind: str, object_id: str | None, hfid: list[str] | None, branch: str | None
) -> InfrahubNodeSync | None:
    if object_id is None and hfid is None:
        return None
    node: InfrahubNodeSync = client.get(
        kind=kind, id=object_id, hfid=hfid, branch=branch or client.default_branch
    )
    return node


def _as_bytes(content: str | bytes | None) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content or b""
