# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""One error root for the collection, and the server's reason in words for every SDK error."""

from __future__ import annotations

import sys
from typing import Any

SDK_EXCEPTIONS = "infrahub_sdk.exceptions"


def _sdk_error_type(name: str) -> type | None:
    """An SDK exception class, if the SDK is loaded (it is, whenever one of its errors was raised)."""
    module = sys.modules.get(SDK_EXCEPTIONS)
    return getattr(module, name, None)


class InfrahubCollectionError(Exception):
    """A request the collection refuses before or after talking to the server (bad option, missing node)."""


def _graphql_reason(errors: list[Any]) -> str:
    reasons = []
    for error in errors:
        if not isinstance(error, dict):
            reasons.append(str(error))
            continue
        message = str(error.get("message", error))
        path = error.get("path")
        if path:
            message = f"{'.'.join(str(part) for part in path)}: {message}"
        reasons.append(message)
    return "; ".join(reasons)


def _http_status(exc: BaseException) -> int | None:
    """The status of an HTTP error the SDK let through (httpx's `HTTPStatusError`), without importing httpx."""
    status = getattr(getattr(exc, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def is_handled_error(exc: BaseException) -> bool:
    """True for the errors a module reports with `fail_json` (anything else is a bug and keeps its traceback)."""
    if isinstance(exc, InfrahubCollectionError) or _http_status(exc) is not None:
        return True
    sdk_error = _sdk_error_type("Error")
    return sdk_error is not None and isinstance(exc, sdk_error)


def describe_error(exc: BaseException) -> str:
    """The server's reason, naming the field when the server names it; never the query or the token."""
    graphql_error = _sdk_error_type("GraphQLError")
    if graphql_error is not None and isinstance(exc, graphql_error):
        return f"The server refused the request: {_graphql_reason(exc.errors)}"
    status = _http_status(exc)
    if status in (401, 403):
        return f"The server refused the credentials (HTTP {status}): check token or INFRAHUB_API_TOKEN"
    if status is not None:
        return f"The server answered HTTP {status}: {exc}"
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, InfrahubCollectionError):
        return message
    return f"{type(exc).__name__}: {message}"
