"""The Core nodes a repository declares in `.infrahub.yml` (queries, transforms, artifact, generator
and check definitions), upserted by name and linked to the repository. Definitions the repository
no longer declares are deleted."""

from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infrahub_server.errors import InfrahubError
from infrahub_server.nodes.edges import edge_side
from infrahub_server.nodes.service import NodeService
from infrahub_server.repositories.config import (
    ArtifactDefinitionEntry,
    CheckDefinitionEntry,
    GeneratorDefinitionEntry,
    Jinja2TransformEntry,
    PythonTransformEntry,
    RepositoryConfig,
    RepositoryFileError,
    read_text,
    repository_file,
)
from infrahub_server.repositories.fragments import read_fragments, with_fragments
from infrahub_server.store import AttributeFilter, RelationshipFilter

QUERY = "CoreGraphQLQuery"
JINJA2_TRANSFORM = "CoreTransformJinja2"
PYTHON_TRANSFORM = "CoreTransformPython"
ARTIFACT_DEFINITION = "CoreArtifactDefinition"
GENERATOR_DEFINITION = "CoreGeneratorDefinition"
CHECK_DEFINITION = "CoreCheckDefinition"
GROUP = "CoreGroup"

# Removal order: a definition goes before the transform or query it points to.
_OWNED_KINDS = (
    ARTIFACT_DEFINITION,
    GENERATOR_DEFINITION,
    CHECK_DEFINITION,
    JINJA2_TRANSFORM,
    PYTHON_TRANSFORM,
    QUERY,
)


@dataclass
class DefinitionCounts:
    """How many nodes of each kind the import upserted and deleted."""

    upserted: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)


def _fingerprint(*parts: Any) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(json.dumps(part, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def class_query(directory: Path, file_path: str, class_name: str, *, required: bool) -> str | None:
    """The `query` class attribute of `class_name` in `file_path`, read without running the code."""
    source = read_text(directory, file_path)
    try:
        tree = ast.parse(source, filename=file_path)
    except SyntaxError as exc:
        raise RepositoryFileError(file_path, f"not valid Python (line {exc.lineno}: {exc.msg})") from None
    found = next(
        (node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == class_name), None
    )
    if found is None:
        raise RepositoryFileError(file_path, f"no class named {class_name}")
    for statement in found.body:
        targets = (
            statement.targets
            if isinstance(statement, ast.Assign)
            else [statement.target]
            if isinstance(statement, ast.AnnAssign)
            else []
        )
        value = getattr(statement, "value", None)
        names_query = any(isinstance(target, ast.Name) and target.id == "query" for target in targets)
        if names_query and isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    if required:
        raise RepositoryFileError(file_path, f'class {class_name} has no `query = "<query name>"` attribute')
    return None


class DefinitionImporter:
    """Writes one repository's declarations through `service` (the import's change set)."""

    def __init__(self, service: NodeService, repository_id: str, directory: Path) -> None:
        self.service = service
        self.repository_id = repository_id
        self.directory = directory
        self.counts = DefinitionCounts()
        self._ids: dict[tuple[str, str], str] = {}

    def import_all(self, config: RepositoryConfig) -> DefinitionCounts:
        fragments = read_fragments(self.directory, config.graphql_fragments)
        for query in config.queries:
            text = read_text(self.directory, query.file_path)
            if fragments:
                text = with_fragments(text, fragments, query.file_path)
            self._upsert(
                QUERY, query.name, {"query": text, "fingerprint": _fingerprint(text)}, query.file_path
            )
        for jinja2 in config.jinja2_transforms:
            self._jinja2_transform(jinja2)
        for python in config.python_transforms:
            self._python_transform(python)
        for artifact in config.artifact_definitions:
            self._artifact_definition(artifact)
        for generator in config.generator_definitions:
            self._generator_definition(generator)
        for check in config.check_definitions:
            self._check_definition(check)
        self._remove_undeclared()
        return self.counts

    # --- one entry per kind -------------------------------------------------------------------

    def _jinja2_transform(self, entry: Jinja2TransformEntry) -> None:
        template = read_text(self.directory, entry.template_path)
        self._upsert(
            JINJA2_TRANSFORM,
            entry.name,
            {
                "label": entry.name,
                "description": entry.description,
                "template_path": entry.template_path,
                "fingerprint": _fingerprint(entry.model_dump(), template),
                "dependencies": [entry.template_path, *(entry.watch.files if entry.watch else [])],
            },
            entry.template_path,
            query=self._query_id(entry.query, entry.name),
        )

    def _python_transform(self, entry: PythonTransformEntry) -> None:
        query = class_query(self.directory, entry.file_path, entry.class_name, required=True)
        assert query is not None
        self._upsert(
            PYTHON_TRANSFORM,
            entry.name,
            {
                "label": entry.name,
                "description": entry.description,
                "file_path": entry.file_path,
                "class_name": entry.class_name,
                "convert_query_response": entry.convert_query_response,
                "fingerprint": _fingerprint(entry.model_dump(), read_text(self.directory, entry.file_path)),
                "dependencies": [entry.file_path, *(entry.watch.files if entry.watch else [])],
            },
            entry.file_path,
            query=self._query_id(query, entry.name),
        )

    def _artifact_definition(self, entry: ArtifactDefinitionEntry) -> None:
        transformation = self._owned_or_existing("CoreTransformation", entry.transformation, entry.name)
        self._upsert(
            ARTIFACT_DEFINITION,
            entry.name,
            {
                "artifact_name": entry.artifact_name or entry.name,
                "description": entry.description,
                "parameters": entry.parameters,
                "content_type": entry.content_type,
                "fingerprint": _fingerprint(entry.model_dump()),
            },
            ".infrahub.yml",
            targets=self._group_id(entry.targets, entry.name),
            transformation=transformation,
            link_repository=False,
        )

    def _generator_definition(self, entry: GeneratorDefinitionEntry) -> None:
        repository_file(self.directory, entry.file_path)
        self._upsert(
            GENERATOR_DEFINITION,
            entry.name,
            {
                "description": entry.description,
                "parameters": entry.parameters,
                "file_path": entry.file_path,
                "class_name": entry.class_name,
                "convert_query_response": entry.convert_query_response,
                "execute_in_proposed_change": entry.execute_in_proposed_change,
                "execute_after_merge": entry.execute_after_merge,
                "fingerprint": _fingerprint(entry.model_dump(), read_text(self.directory, entry.file_path)),
                "dependencies": [entry.file_path, *(entry.watch.files if entry.watch else [])],
            },
            entry.file_path,
            query=self._query_id(entry.query, entry.name),
            targets=self._group_id(entry.targets, entry.name),
        )

    def _check_definition(self, entry: CheckDefinitionEntry) -> None:
        query = class_query(self.directory, entry.file_path, entry.class_name, required=False)
        self._upsert(
            CHECK_DEFINITION,
            entry.name,
            {
                "description": entry.description,
                "file_path": entry.file_path,
                "class_name": entry.class_name,
                "parameters": entry.parameters,
            },
            entry.file_path,
            query=self._query_id(query, entry.name) if query else None,
            targets=self._group_id(entry.targets, entry.name) if entry.targets else None,
        )

    # --- writing ------------------------------------------------------------------------------

    def _upsert(
        self,
        kind: str,
        name: str,
        attributes: dict[str, Any],
        source_file: str,
        *,
        link_repository: bool = True,
        **peers: str | None,
    ) -> None:
        data: dict[str, Any] = {"name": {"value": name}}
        data.update({key: {"value": value} for key, value in attributes.items()})
        data.update({key: {"id": peer} if peer else None for key, peer in peers.items()})
        if link_repository:
            data["repository"] = {"id": self.repository_id}
        try:
            node_id, _ = self.service.upsert(kind, data)
        except InfrahubError as exc:
            raise RepositoryFileError(source_file, f"{kind} {name!r}: {exc.message}") from None
        self._ids[(kind, name)] = node_id
        self.counts.upserted[kind] = self.counts.upserted.get(kind, 0) + 1

    def _named(self, kind: str, name: str) -> str | None:
        ids = self.service.lookup.find(kind, [AttributeFilter("name", "eq", name)])
        return ids[0] if ids else None

    def _owned_or_existing(self, kind: str, name: str, user: str) -> str:
        for owned_kind in self.service.schema.concrete_kinds(kind):
            if (owned_kind, name) in self._ids:
                return self._ids[(owned_kind, name)]
        found = self._named(kind, name)
        owned = {
            node_id
            for owned_kind in self.service.schema.concrete_kinds(kind)
            for node_id in self._owned(owned_kind)
        }
        if found is None or found in owned:
            # One of this repository's own, no longer declared, is about to be deleted.
            raise RepositoryFileError(".infrahub.yml", f"{user}: no {kind} named {name!r}")
        return found

    def _query_id(self, name: str, user: str) -> str:
        return self._owned_or_existing(QUERY, name, user)

    def _group_id(self, name: str, user: str) -> str:
        found = self._named(GROUP, name)
        if found is None:
            raise RepositoryFileError(
                ".infrahub.yml", f"{user}: targets names the group {name!r}, which does not exist"
            )
        return found

    def _remove_undeclared(self) -> None:
        kept = set(self._ids.values())
        for kind in _OWNED_KINDS:
            for node_id in self._owned(kind):
                # A node may be gone already, by the cascade of an earlier deletion.
                if node_id in kept or not self.service.lookup.kinds_of([node_id]):
                    continue
                self.service.delete(kind, {"id": node_id})
                self.counts.deleted[kind] = self.counts.deleted.get(kind, 0) + 1

    def _owned(self, kind: str) -> list[str]:
        """Nodes of `kind` that belong to the repository: linked to it, or for artifact
        definitions, linked to one of its transforms."""
        if kind == ARTIFACT_DEFINITION:
            relation, peers = (
                "transformation",
                tuple(self._owned(JINJA2_TRANSFORM) + self._owned(PYTHON_TRANSFORM)),
            )
        else:
            relation, peers = "repository", (self.repository_id,)
        rel = self.service.schema.get(kind).get_relationship(relation)
        if rel is None or rel.identifier is None or not peers:
            return []
        return self.service.lookup.find(
            kind, [RelationshipFilter(rel.identifier, edge_side(rel), peer_ids=peers)]
        )
