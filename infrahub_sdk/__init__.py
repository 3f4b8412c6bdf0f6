"""Typed client for Infrahub-compatible servers (async and sync), mirroring OpsMill's `infrahub-sdk` API."""

from ._distribution import LOG, shadow_warning, version
from .client import InfrahubClient, InfrahubClientSync
from .config import Config
from .node import InfrahubNode, InfrahubNodeSync

__version__ = version()

_warning = shadow_warning()
if _warning:
    LOG.warning(_warning)

__all__ = [
    "Config",
    "InfrahubClient",
    "InfrahubClientSync",
    "InfrahubNode",
    "InfrahubNodeSync",
    "__version__",
]
