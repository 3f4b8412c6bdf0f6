"""infrahub-lite server: an Infrahub-compatible source of truth on SQL."""

__version__ = "0.1.0"
