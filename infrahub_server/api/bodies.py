"""Reading JSON request bodies: the content type, the syntax and the top-level shape, each
refused with a 4xx that says what is wrong."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.exceptions import HTTPException
from starlette.requests import Request

_JSON_TYPE_NAMES = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean"}


def _is_json(content_type: str) -> bool:
    # No Content-Type at all is read as JSON, as FastAPI (and so Infrahub) does.
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type in ("", "application/json") or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


async def read_json(request: Request) -> Any:
    """The decoded body. No body, another content type than JSON or malformed JSON is a 4xx."""
    content_type = request.headers.get("content-type", "")
    if not _is_json(content_type):
        raise HTTPException(415, f"Content-Type must be application/json, got {content_type}")
    body = await request.body()
    if not body.strip():
        raise HTTPException(400, "Request body is empty; a JSON document is expected")
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise HTTPException(400, f"Malformed JSON body: {exc}") from None


async def read_json_object(request: Request) -> dict[str, Any]:
    data = await read_json(request)
    if not isinstance(data, dict):
        raise HTTPException(
            400, f"Request body must be a JSON object, got {_JSON_TYPE_NAMES.get(type(data), 'null')}"
        )
    return data
