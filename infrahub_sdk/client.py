"""The clients: `InfrahubClient` (async) and `InfrahubClientSync`."""

from ._async.client import InfrahubClient
from ._sync.client import InfrahubClientSync
from .data import ServerInfo

__all__ = ["InfrahubClient", "InfrahubClientSync", "ServerInfo"]
