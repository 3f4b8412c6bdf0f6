"""`.infrahub.yml` (or `.infrahub.yaml`): what a repository brings to Infrahub."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from infrahub_sdk._importer import import_module
from infrahub_sdk.checks import InfrahubCheck
from infrahub_sdk.exceptions import (
    FragmentFileNotFoundError,
    ModuleImportError,
    RepositoryFileNotFoundError,
    ResourceNotDefinedError,
)
from infrahub_sdk.generator import InfrahubGenerator
from infrahub_sdk.transforms import InfrahubTransform


def _load_class(
    file_path: Path,
    class_name: str,
    base: Any,
    label: str,
    import_root: str | None,
    relative_path: str | None,
) -> type[Any]:
    module = import_module(module_path=file_path, import_root=import_root, relative_path=relative_path)
    if class_name not in dir(module):
        raise ModuleImportError(message=f"The specified class {class_name} was not found within the module")
    found = getattr(module, class_name)
    if not (isinstance(found, type) and issubclass(found, base)):
        raise ModuleImportError(message=f"The specified class {class_name} is not an {label}")
    return found


MISSING_WATCH_MESSAGE = (
    "No 'watch' block: list under 'watch.files' the templates, helper modules and data files this "
    "depends on that Infrahub cannot detect, so that changing them regenerates the results; "
    "'files: []' records that nothing more needs watching."
)
MALFORMED_WATCH_MESSAGE = (
    "'watch' must be a mapping: put the watched paths under 'files', or write 'files: []' when nothing "
    "more needs watching."
)
# JSON-schema hints for editors (the models accept a missing block): a warning when `watch` is absent,
# and `watch:` left empty (null) refused, since it would read as never declared.
REQUIRE_WATCH_JSON_SCHEMA: dict[str, Any] = {
    "allOf": [{"required": ["watch"], "errorMessage": MISSING_WATCH_MESSAGE}]
}
WATCH_FIELD_JSON_SCHEMA: dict[str, Any] = {"type": "object", "errorMessage": MALFORMED_WATCH_MESSAGE}


class InfrahubRepositoryConfigElement(BaseModel):
    """Any entry of `.infrahub.yml`."""


class InfrahubWatchConfig(BaseModel):
    """Files a transform or generator depends on beyond those Infrahub detects (`files: []` = none)."""

    model_config = ConfigDict(extra="forbid")

    files: list[str] = Field(
        default_factory=list, description="Files or directories, relative to the repository"
    )


class InfrahubRepositoryArtifactDefinitionConfig(InfrahubRepositoryConfigElement):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., description="The name of the artifact definition")
    artifact_name: str | None = Field(
        default=None, description="Name of the artifact created from this definition"
    )
    parameters: dict[str, Any] = Field(
        ..., description="The input parameters required to render this artifact"
    )
    content_type: str = Field(..., description="The content type of the rendered artifact")
    targets: str = Field(..., description="The group to target when creating artifacts")
    transformation: str = Field(..., description="The transformation to use.")


class InfrahubJinja2TransformConfig(InfrahubRepositoryConfigElement):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., description="The name of the transform")
    query: str = Field(..., description="The name of the GraphQL Query")
    template_path: Path = Field(..., description="The path within the repository of the template file")
    description: str | None = Field(default=None, description="Description for this transform")
    watch: InfrahubWatchConfig | None = Field(
        default=None, json_schema_extra=WATCH_FIELD_JSON_SCHEMA, description="Extra files this depends on"
    )

    @property
    def template_path_value(self) -> str:
        return str(self.template_path)

    @property
    def payload(self) -> dict[str, Any]:
        data = self.model_dump(exclude_none=True)
        data["template_path"] = self.template_path_value
        return data


class InfrahubCheckDefinitionConfig(InfrahubRepositoryConfigElement):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., description="The name of the Check Definition")
    file_path: Path = Field(..., description="The file within the repository with the check code.")
    parameters: dict[str, Any] = Field(default_factory=dict, description="The input parameters of the check")
    targets: str | None = Field(
        default=None, description="The group to run the check on; none for global checks"
    )
    class_name: str = Field(default="Check", description="The name of the check class to run.")

    def load_class(
        self, import_root: str | None = None, relative_path: str | None = None
    ) -> type[InfrahubCheck]:
        return _load_class(
            self.file_path, self.class_name, InfrahubCheck, "Infrahub Check", import_root, relative_path
        )


class InfrahubGeneratorDefinitionConfig(InfrahubRepositoryConfigElement):
    model_config = ConfigDict(extra="forbid", json_schema_extra=REQUIRE_WATCH_JSON_SCHEMA)

    name: str = Field(..., description="The name of the Generator Definition")
    file_path: Path = Field(..., description="The file within the repository with the generator code.")
    query: str = Field(..., description="The GraphQL query to use as input.")
    parameters: dict[str, Any] = Field(
        default_factory=dict, description="Query variables from target attributes"
    )
    targets: str = Field(..., description="The group whose members are the generator's targets")
    class_name: str = Field(default="Generator", description="The InfrahubGenerator subclass in file_path")
    convert_query_response: bool = False
    execute_in_proposed_change: bool = True
    execute_after_merge: bool = True
    watch: InfrahubWatchConfig | None = Field(
        default=None, json_schema_extra=WATCH_FIELD_JSON_SCHEMA, description="Extra files this depends on"
    )

    def load_class(
        self, import_root: str | None = None, relative_path: str | None = None
    ) -> type[InfrahubGenerator]:
        return _load_class(
            self.file_path,
            self.class_name,
            InfrahubGenerator,
            "Infrahub Generator",
            import_root,
            relative_path,
        )


class InfrahubPythonTransformConfig(InfrahubRepositoryConfigElement):
    model_config = ConfigDict(extra="forbid", json_schema_extra=REQUIRE_WATCH_JSON_SCHEMA)

    name: str = Field(..., description="The name of the Transform")
    file_path: Path = Field(..., description="The file within the repository with the transform code.")
    class_name: str = Field(default="Transform", description="The name of the transform class to run.")
    convert_query_response: bool = False
    description: str | None = Field(default=None, description="Description for this transform")
    watch: InfrahubWatchConfig | None = Field(
        default=None, json_schema_extra=WATCH_FIELD_JSON_SCHEMA, description="Extra files this depends on"
    )

    def load_class(
        self, import_root: str | None = None, relative_path: str | None = None
    ) -> type[InfrahubTransform]:
        return _load_class(
            self.file_path,
            self.class_name,
            InfrahubTransform,
            "Infrahub Transform",
            import_root,
            relative_path,
        )


class InfrahubRepositoryGraphQLConfig(InfrahubRepositoryConfigElement):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., description="The name of the GraphQL Query")
    file_path: Path = Field(..., description="The file within the repository with the query code.")

    def load_query(self, relative_path: str = ".") -> str:
        try:
            return Path(relative_path, self.file_path).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise RepositoryFileNotFoundError(file_path=str(self.file_path)) from exc


class InfrahubRepositoryFragmentConfig(InfrahubRepositoryConfigElement):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., description="Logical name for this fragment file or directory")
    file_path: Path = Field(
        ..., description="A .gql file, or a directory of them, relative to the repository"
    )

    def load_fragments(self, relative_path: str = ".") -> list[str]:
        """The text of the fragment file, or of each `.gql` file of the directory in name order."""
        resolved = Path(relative_path, self.file_path)
        if not resolved.exists():
            raise FragmentFileNotFoundError(file_path=str(self.file_path))
        files = sorted(resolved.glob("*.gql")) if resolved.is_dir() else [resolved]
        return [file.read_text(encoding="utf-8") for file in files]


class InfrahubObjectConfig(InfrahubRepositoryConfigElement):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., description="The name associated to the object file")
    file_path: Path = Field(..., description="The file within the repository containing object data.")


class InfrahubMenuConfig(InfrahubRepositoryConfigElement):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., description="The name of the menu")
    file_path: Path = Field(..., description="The file within the repository containing menu data.")


Named = TypeVar("Named", bound=BaseModel)


def _named(items: list[Named], name: str, section: str) -> Named:
    found = next((item for item in items if getattr(item, "name", None) == name), None)
    if found is None:
        raise ResourceNotDefinedError(f"Unable to find {name!r} in {section!r}")
    return found


class InfrahubRepositoryConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    check_definitions: list[InfrahubCheckDefinitionConfig] = Field(default_factory=list)
    schemas: list[Path] = Field(default_factory=list)
    jinja2_transforms: list[InfrahubJinja2TransformConfig] = Field(default_factory=list)
    artifact_definitions: list[InfrahubRepositoryArtifactDefinitionConfig] = Field(default_factory=list)
    python_transforms: list[InfrahubPythonTransformConfig] = Field(default_factory=list)
    generator_definitions: list[InfrahubGeneratorDefinitionConfig] = Field(default_factory=list)
    queries: list[InfrahubRepositoryGraphQLConfig] = Field(default_factory=list)
    graphql_fragments: list[InfrahubRepositoryFragmentConfig] = Field(default_factory=list)
    objects: list[Path] = Field(default_factory=list)
    menus: list[Path] = Field(default_factory=list)

    @field_validator(
        "check_definitions",
        "jinja2_transforms",
        "artifact_definitions",
        "python_transforms",
        "generator_definitions",
        "queries",
        "graphql_fragments",
    )
    @classmethod
    def unique_items(cls, items: list[Any]) -> list[Any]:
        repeated = sorted(name for name, count in Counter(item.name for item in items).items() if count > 1)
        if repeated:
            raise ValueError(f"Found multiples element with the same names: {repeated}")
        return items

    def has_jinja2_transform(self, name: str) -> bool:
        return any(item.name == name for item in self.jinja2_transforms)

    def get_jinja2_transform(self, name: str) -> InfrahubJinja2TransformConfig:
        return _named(self.jinja2_transforms, name, "jinja2_transforms")

    def has_check_definition(self, name: str) -> bool:
        return any(item.name == name for item in self.check_definitions)

    def get_check_definition(self, name: str) -> InfrahubCheckDefinitionConfig:
        return _named(self.check_definitions, name, "check_definitions")

    def has_artifact_definition(self, name: str) -> bool:
        return any(item.name == name for item in self.artifact_definitions)

    def get_artifact_definition(self, name: str) -> InfrahubRepositoryArtifactDefinitionConfig:
        return _named(self.artifact_definitions, name, "artifact_definitions")

    def has_generator_definition(self, name: str) -> bool:
        return any(item.name == name for item in self.generator_definitions)

    def get_generator_definition(self, name: str) -> InfrahubGeneratorDefinitionConfig:
        return _named(self.generator_definitions, name, "generator_definitions")

    def has_python_transform(self, name: str) -> bool:
        return any(item.name == name for item in self.python_transforms)

    def get_python_transform(self, name: str) -> InfrahubPythonTransformConfig:
        return _named(self.python_transforms, name, "python_transforms")

    def has_query(self, name: str) -> bool:
        return any(item.name == name for item in self.queries)

    def get_query(self, name: str) -> InfrahubRepositoryGraphQLConfig:
        return _named(self.queries, name, "queries")

    def has_fragment(self, name: str) -> bool:
        return any(item.name == name for item in self.graphql_fragments)

    def get_fragment(self, name: str) -> InfrahubRepositoryFragmentConfig:
        return _named(self.graphql_fragments, name, "graphql_fragments")
