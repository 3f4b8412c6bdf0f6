"""`.infrahub.yml` (or `.infrahub.yaml`) at a repository's root: what the repository declares.

Unknown keys are refused, as Infrahub and infrahubctl refuse them; every problem names the file
and the entry at fault.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import pydantic
import yaml
from pydantic import BaseModel, ConfigDict, Field

CONFIG_FILE_NAMES = (".infrahub.yml", ".infrahub.yaml")


class RepositoryFileError(Exception):
    """A file of the repository that cannot be imported: `path` (repository-relative) and why."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WatchEntry(_Entry):
    files: list[str] = Field(default_factory=list)


class QueryEntry(_Entry):
    name: str
    file_path: str


class Jinja2TransformEntry(_Entry):
    name: str
    query: str
    template_path: str
    description: str | None = None
    watch: WatchEntry | None = None


class PythonTransformEntry(_Entry):
    name: str
    file_path: str
    class_name: str = "Transform"
    convert_query_response: bool = False
    description: str | None = None
    watch: WatchEntry | None = None


class ArtifactDefinitionEntry(_Entry):
    name: str
    artifact_name: str | None = None
    parameters: dict[str, Any]
    content_type: str
    targets: str
    transformation: str
    description: str | None = None


class GeneratorDefinitionEntry(_Entry):
    name: str
    file_path: str
    query: str
    targets: str
    class_name: str = "Generator"
    parameters: dict[str, Any] = Field(default_factory=dict)
    convert_query_response: bool = False
    execute_in_proposed_change: bool = True
    execute_after_merge: bool = True
    description: str | None = None
    watch: WatchEntry | None = None


class CheckDefinitionEntry(_Entry):
    name: str
    file_path: str
    class_name: str = "Check"
    parameters: dict[str, Any] = Field(default_factory=dict)
    targets: str | None = None
    description: str | None = None


class FragmentEntry(_Entry):
    name: str
    file_path: str


class RepositoryConfig(_Entry):
    schemas: list[str] = Field(default_factory=list)
    menus: list[str] = Field(default_factory=list)
    objects: list[str] = Field(default_factory=list)
    queries: list[QueryEntry] = Field(default_factory=list)
    graphql_fragments: list[FragmentEntry] = Field(default_factory=list)
    jinja2_transforms: list[Jinja2TransformEntry] = Field(default_factory=list)
    python_transforms: list[PythonTransformEntry] = Field(default_factory=list)
    artifact_definitions: list[ArtifactDefinitionEntry] = Field(default_factory=list)
    generator_definitions: list[GeneratorDefinitionEntry] = Field(default_factory=list)
    check_definitions: list[CheckDefinitionEntry] = Field(default_factory=list)


def _describe(error: pydantic.ValidationError) -> str:
    first = error.errors()[0]
    location = ".".join(str(part) for part in first["loc"])
    return f"{location}: {first['msg']}" if location else str(first["msg"])


_NAMED_SECTIONS = (
    "queries",
    "graphql_fragments",
    "jinja2_transforms",
    "python_transforms",
    "artifact_definitions",
    "generator_definitions",
    "check_definitions",
)


def _check_unique_names(config: RepositoryConfig) -> None:
    for section in _NAMED_SECTIONS:
        seen: set[str] = set()
        for entry in getattr(config, section):
            if entry.name in seen:
                raise ValueError(f"{section}: the name {entry.name!r} is declared twice")
            seen.add(entry.name)


def find_config_file(directory: Path) -> str | None:
    return next((name for name in CONFIG_FILE_NAMES if (directory / name).is_file()), None)


def read_repository_config(directory: Path) -> RepositoryConfig:
    """The declarations of the repository whose files are in `directory` (empty without a file)."""
    name = find_config_file(directory)
    if name is None:
        return RepositoryConfig()
    raw = read_yaml(directory, name)
    if raw is None:
        return RepositoryConfig()
    if not isinstance(raw, dict):
        raise RepositoryFileError(name, "expected a mapping of sections (schemas, queries, ...)")
    try:
        config = RepositoryConfig.model_validate(raw)
        _check_unique_names(config)
    except pydantic.ValidationError as exc:
        raise RepositoryFileError(name, _describe(exc)) from None
    except ValueError as exc:
        raise RepositoryFileError(name, str(exc)) from None
    return config


def repository_file(directory: Path, relative: str) -> Path:
    """`relative` inside `directory`; refuses paths that leave the repository."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts:
        raise RepositoryFileError(relative, "the path must stay inside the repository")
    path = directory / pure
    if not path.exists():
        raise RepositoryFileError(relative, "no such file in the repository")
    return path


def read_text(directory: Path, relative: str) -> str:
    path = repository_file(directory, relative)
    if not path.is_file():
        raise RepositoryFileError(relative, "expected a file, found a directory")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RepositoryFileError(relative, "not UTF-8 text") from None


def read_yaml(directory: Path, relative: str) -> Any:
    try:
        return yaml.safe_load(read_text(directory, relative))
    except yaml.YAMLError as exc:
        raise RepositoryFileError(relative, f"not valid YAML ({_yaml_problem(exc)})") from None


def read_yaml_documents(directory: Path, relative: str) -> list[Any]:
    try:
        return [document for document in yaml.safe_load_all(read_text(directory, relative)) if document]
    except yaml.YAMLError as exc:
        raise RepositoryFileError(relative, f"not valid YAML ({_yaml_problem(exc)})") from None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"line {mark.line + 1}: {problem}" if mark is not None else str(problem)


def yaml_files(directory: Path, relative: str) -> list[str]:
    """`relative` itself, or the `.yml`/`.yaml` files under it (recursively, in name order)."""
    path = repository_file(directory, relative)
    if path.is_file():
        return [relative]
    found = sorted(
        candidate
        for candidate in path.rglob("*")
        if candidate.suffix in (".yml", ".yaml") and candidate.is_file()
    )
    return [candidate.relative_to(directory).as_posix() for candidate in found]
