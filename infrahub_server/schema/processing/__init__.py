"""Turning schema definitions into the processed schema that `/api/schema` serves."""

from infrahub_server.schema.processing.pipeline import process_schema

__all__ = ["process_schema"]
