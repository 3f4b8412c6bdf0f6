"""infrahub-lite server: an Infrahub-compatible source of truth on SQL."""

__version__ = "0.1.0"

PROTOCOL_VERSION = "1.11.9"
"""The Infrahub release whose wire protocol this server speaks: what `/api/info` and `InfrahubInfo`
report, since clients compare against it."""
