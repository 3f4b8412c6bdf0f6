"""Connection plugins of ours: `frr_vtysh`, FRRouting on this machine by pathspace."""

from nornir.core.plugins.connections import ConnectionPluginRegister

from .frr import CONNECTION_NAME, FrrCommandError, FrrVtysh

__all__ = ["CONNECTION_NAME", "FrrCommandError", "FrrVtysh", "register_connections"]


def register_connections() -> None:
    """Makes `frr_vtysh` known to Nornir (importing `nornir_plugin.tasks` does it too)."""
    if CONNECTION_NAME not in ConnectionPluginRegister.available:
        ConnectionPluginRegister.register(CONNECTION_NAME, FrrVtysh)
