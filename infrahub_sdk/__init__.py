"""Typed client for Infrahub-compatible servers."""

__version__ = "0.1.0"
