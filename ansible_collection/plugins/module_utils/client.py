# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Build an SDK client from the collection's connection options, counting its requests."""

from __future__ import annotations

import importlib.util
import os
from typing import Any

# Looked up, not imported: importing the SDK costs about half a second, which a cached inventory,
# ansible-doc and argument errors should not pay.
HAS_INFRAHUB_SDK = importlib.util.find_spec("infrahub_sdk") is not None
INFRAHUB_SDK_IMPORT_ERROR = None if HAS_INFRAHUB_SDK else "No module named 'infrahub_sdk'"

DEFAULT_ADDRESS = "http://localhost:8000"
DEFAULT_BRANCH = "main"

CONNECTION_ARGUMENT_SPEC: dict[str, dict[str, Any]] = {
    "api_endpoint": {"type": "str"},
    "token": {"type": "str", "no_log": True},
    "branch": {"type": "str"},
    "timeout": {"type": "int", "default": 10},
    "validate_certs": {"type": "bool", "default": True},
}


class RequestCounter:
    """Counts HTTP responses; the SDK calls `record` once per response it receives."""

    def __init__(self) -> None:
        self.count = 0

    def record(self, response: Any) -> None:
        self.count += 1


def connection_settings(options: dict[str, Any]) -> dict[str, Any]:
    """The connection options with the environment filled in, as module and plugins see them."""
    return {
        "api_endpoint": options.get("api_endpoint") or os.environ.get("INFRAHUB_ADDRESS") or DEFAULT_ADDRESS,
        "token": options.get("token") or os.environ.get("INFRAHUB_API_TOKEN"),
        "branch": options.get("branch") or os.environ.get("INFRAHUB_DEFAULT_BRANCH") or DEFAULT_BRANCH,
        "timeout": int(options.get("timeout") or 10),
        "validate_certs": options.get("validate_certs", True) is not False,
    }


def build_client(options: dict[str, Any], counter: RequestCounter | None = None) -> Any:
    """An `InfrahubClientSync` for the options (see `connection_settings`); no request is sent yet."""
    from infrahub_sdk import Config, InfrahubClientSync  # pylint: disable=import-outside-toplevel

    settings = connection_settings(options)
    config: dict[str, Any] = {
        "address": settings["api_endpoint"],
        "default_branch": settings["branch"],
        "timeout": settings["timeout"],
        "tls_insecure": not settings["validate_certs"],
    }
    if settings["token"]:
        config["api_token"] = settings["token"]
    if counter is not None:
        config["custom_recorder"] = counter
    return InfrahubClientSync(config=Config(**config))
