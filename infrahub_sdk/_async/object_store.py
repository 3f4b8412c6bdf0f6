"""`client.object_store`: artifact and file contents kept by the server's object storage."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from infrahub_sdk._protocol import error_messages
from infrahub_sdk.exceptions import AuthenticationError

if TYPE_CHECKING:
    from .client import InfrahubClient

TEXT_CONTENT_TYPES = {"application/json", "application/yaml", "application/x-yaml"}


def _checked(response: httpx.Response) -> httpx.Response:
    if response.status_code in {401, 403}:
        raise AuthenticationError(" | ".join(error_messages(response)) or None)
    response.raise_for_status()
    return response


def _text(response: httpx.Response, identifier: str) -> str:
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if not content_type.startswith("text/") and content_type not in TEXT_CONTENT_TYPES:
        raise ValueError(
            f"Binary content not supported: content-type '{content_type}' for identifier '{identifier}'"
        )
    return response.text


class ObjectStore:
    def __init__(self, client: InfrahubClient) -> None:
        self.client = client

    async def get(self, identifier: str, tracker: str | None = None) -> str:
        """`GET /api/storage/object/<identifier>`: the stored text."""
        url = f"{self.client.address}/api/storage/object/{identifier}"
        response = await self.client._get(url=url, headers=self.client._request_headers(tracker=tracker))
        return _checked(response).text

    async def upload(self, content: str, tracker: str | None = None) -> dict[str, Any]:
        """`POST /api/storage/upload/content`: `{"identifier": ..., "checksum": ...}`."""
        url = f"{self.client.address}/api/storage/upload/content"
        response = await self.client._post(
            url=url, payload={"content": content}, headers=self.client._request_headers(tracker=tracker)
        )
        body: dict[str, Any] = _checked(response).json()
        return body

    async def _get_file(self, url: str, identifier: str, tracker: str | None) -> str:
        response = await self.client._get(url=url, headers=self.client._request_headers(tracker=tracker))
        return _text(_checked(response), identifier)

    async def get_file_by_storage_id(self, storage_id: str, tracker: str | None = None) -> str:
        url = f"{self.client.address}/api/storage/files/by-storage-id/{storage_id}"
        return await self._get_file(url, storage_id, tracker)

    async def get_file_by_id(self, node_id: str, tracker: str | None = None) -> str:
        return await self._get_file(f"{self.client.address}/api/storage/files/{node_id}", node_id, tracker)

    async def get_file_by_hfid(self, kind: str, hfid: list[str], tracker: str | None = None) -> str:
        query = "&".join(f"hfid={part}" for part in hfid)
        url = f"{self.client.address}/api/storage/files/by-hfid/{kind}?{query}"
        return await self._get_file(url, f"{kind}:{'/'.join(hfid)}", tracker)

    async def download_file(
        self, node_id: str, branch: str | None = None, dest: Path | None = None, tracker: str | None = None
    ) -> bytes | int:
        """The file of a `CoreFileObject` node as bytes, or with `dest` the number of bytes written there."""
        branch = quote(branch or self.client.default_branch, safe="")
        url = f"{self.client.address}/api/storage/files/{node_id}?branch={branch}"
        response = await self.client._get(url=url, headers=self.client._request_headers(tracker=tracker))
        content = _checked(response).content
        if dest is None:
            return content
        dest.write_bytes(content)
        return len(content)
