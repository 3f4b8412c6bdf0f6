"""Specification files read by `infrahubctl`: object files (`kind: Object`)."""
