"""Tracking groups: `client.group_context` for each client."""

from ._async.group_context import InfrahubGroupContext
from ._group_context import InfrahubGroupContextBase
from ._sync.group_context import InfrahubGroupContextSync

__all__ = ["InfrahubGroupContext", "InfrahubGroupContextBase", "InfrahubGroupContextSync"]
