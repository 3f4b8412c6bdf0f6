"""Import a repository's declarations onto a branch, inside the caller's change set: schemas (the
same load path as `POST /api/schema/load`, data migrated with them), object files, then queries,
transforms and definitions. Any problem raises `RepositoryFileError` and, since everything is
written through one change set, nothing of the import remains."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infrahub_server.errors import InfrahubError
from infrahub_server.ipam import ipam_node_service
from infrahub_server.migrations import apply_schema_migration, plan_schema_migration
from infrahub_server.repositories.config import (
    RepositoryConfig,
    RepositoryFileError,
    read_yaml,
    read_yaml_documents,
    yaml_files,
)
from infrahub_server.repositories.definitions import DefinitionCounts, DefinitionImporter
from infrahub_server.repositories.object_files import apply_object_document
from infrahub_server.schema.loading import SchemaRequestError, load_schema_files, parse_schema_files
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Writer

logger = logging.getLogger(__name__)


@dataclass
class ImportReport:
    schema: SchemaBranch
    schema_updated: bool = False
    objects: int = 0
    definitions: DefinitionCounts = field(default_factory=DefinitionCounts)


def _schema_problem(exc: InfrahubError | SchemaRequestError) -> str:
    if isinstance(exc, SchemaRequestError):
        first = exc.detail[0]
        location = ".".join(str(part) for part in first.get("loc", ())[3:])
        return f"{location}: {first.get('msg')}" if location else str(first.get("msg"))
    return exc.message


def load_repository_schemas(
    writer: Writer, current: SchemaBranch, directory: Path, config: RepositoryConfig, branch: str
) -> SchemaBranch:
    """The branch's schema with the repository's schema files loaded, saved in the writer's change
    set (with the data migrations it needs) when it changed."""
    paths = [path for entry in config.schemas for path in yaml_files(directory, entry)]
    if not paths:
        return current
    files: list[Any] = []
    for path in paths:
        content = read_yaml(directory, path)
        try:
            parse_schema_files([content])
        except (InfrahubError, SchemaRequestError) as exc:
            raise RepositoryFileError(path, _schema_problem(exc)) from None
        files.append(content)
    try:
        result = load_schema_files(current, files, branch_name=branch)
        if not result.schema_updated:
            return current
        apply_schema_migration(plan_schema_migration(current, result.schema, writer), writer)
    except (InfrahubError, SchemaRequestError) as exc:
        raise RepositoryFileError(", ".join(paths), _schema_problem(exc)) from None
    writer.save_schema(result.schema.to_api_payload(), result.schema.hash)
    return result.schema


def import_repository(
    writer: Writer,
    current: SchemaBranch,
    repository_id: str,
    directory: Path,
    config: RepositoryConfig,
) -> ImportReport:
    branch = writer.info.branch
    schema = load_repository_schemas(writer, current, directory, config, branch)
    report = ImportReport(schema=schema, schema_updated=schema.hash != current.hash)
    service = ipam_node_service(schema, writer)
    for entry in config.objects:
        for path in yaml_files(directory, entry):
            for document in read_yaml_documents(directory, path):
                report.objects += apply_object_document(service, path, document)
    report.definitions = DefinitionImporter(service, repository_id, directory).import_all(config)
    logger.info(
        "imported repository %s on %s: schema %s, %d objects, %s",
        repository_id,
        branch,
        "updated" if report.schema_updated else "unchanged",
        report.objects,
        report.definitions.upserted,
    )
    return report
