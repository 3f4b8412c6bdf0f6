"""Artefacts: the content a `CoreArtifactDefinition` renders for each member of its targets group,
kept in object storage, and regenerated only where a change can have altered it."""

from infrahub_server.artifacts.generation import GenerationReport, generate_artifacts

__all__ = ["GenerationReport", "generate_artifacts"]
