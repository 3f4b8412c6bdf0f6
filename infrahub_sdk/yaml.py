"""YAML (and JSON) files read from disk: schema files, object files, menus; one entry per document."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from .exceptions import FileNotValidError

FILE_SUFFIXES = {".yaml", ".yml", ".json"}
INVALID = "Invalid YAML/JSON file"


def read_file(file_path: Path) -> str:
    if not file_path.is_file():
        raise FileNotValidError(
            name=str(file_path.name), message=f"{file_path.name}: not found at {file_path.parent}"
        )
    try:
        return file_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FileNotValidError(
            name=str(file_path.name), message=f"Unable to read {file_path.name} with utf-8 encoding"
        ) from exc


class InfrahubFileApiVersion(StrEnum):
    V1 = "infrahub.app/v1"


class InfrahubFileKind(StrEnum):
    MENU = "Menu"
    OBJECT = "Object"


class InfrahubFileData(BaseModel):
    api_version: InfrahubFileApiVersion = Field(InfrahubFileApiVersion.V1, alias="apiVersion")
    kind: InfrahubFileKind
    spec: dict[str, Any]
    metadata: dict[str, Any] = Field(default_factory=dict)


class LocalFile(BaseModel):
    identifier: str | None = None
    location: Path
    multiple_documents: bool = False
    document_position: int | None = None
    content: dict[str, Any] | None = None
    valid: bool = True
    error_message: str | None = None


class YamlFile(LocalFile):
    def load_content(self) -> None:
        try:
            self.content = yaml.safe_load(read_file(self.location))
        except FileNotValidError as exc:
            self.error_message, self.valid = exc.message, False
            return
        except yaml.YAMLError:
            self.error_message, self.valid = INVALID, False
            return
        if not self.content:
            self.error_message, self.valid = "Empty YAML/JSON file", False

    def validate_content(self) -> None:
        """Subclasses check the content's shape."""

    @classmethod
    def _document(cls, location: Path, multiple_documents: bool, content: Any) -> YamlFile:
        if not content or not isinstance(content, dict):
            return cls(
                location=location, multiple_documents=multiple_documents, error_message=INVALID, valid=False
            )
        return cls(location=location, multiple_documents=multiple_documents, content=content)

    @classmethod
    def load_file_from_disk(cls, path: Path) -> list[YamlFile]:
        """One entry per document of the file (numbered from 1 when there are several)."""
        multiple = False
        files: list[YamlFile] = []
        try:
            text = read_file(path)
            multiple = text.count("---") > 1
            # Documents are read one by one: those before a broken one are kept.
            for document in yaml.safe_load_all(text) if multiple else [yaml.safe_load(text)]:
                files.append(cls._document(path, multiple, document))
        except FileNotValidError as exc:
            files.append(
                cls(location=path, multiple_documents=multiple, error_message=exc.message, valid=False)
            )
        except yaml.YAMLError:
            files.append(cls(location=path, multiple_documents=multiple, error_message=INVALID, valid=False))
        if multiple:
            for position, file in enumerate(files, start=1):
                file.document_position = position
        return files

    @classmethod
    def load_from_disk(cls, paths: list[Path]) -> list[YamlFile]:
        """Every YAML/JSON file of `paths`, directories walked by name; other files are skipped."""
        files: list[YamlFile] = []
        for path in paths:
            if not path.exists():
                raise FileNotValidError(name=str(path), message=f"{path} does not exist!")
            if path.is_file() and path.suffix in FILE_SUFFIXES:
                files.extend(cls.load_file_from_disk(path=path))
            elif path.is_dir():
                files.extend(cls.load_from_disk(paths=sorted(path.glob("*"), key=lambda item: item.name)))
        return files


class InfrahubFile(YamlFile):
    """A file with `apiVersion`, `kind` and `spec` (object files, menus)."""

    _data: InfrahubFileData | None = None

    @property
    def data(self) -> InfrahubFileData:
        if not self._data:
            raise ValueError("_data hasn't been initialized yet")
        return self._data

    @property
    def version(self) -> InfrahubFileApiVersion:
        return self.data.api_version

    @property
    def kind(self) -> InfrahubFileKind:
        return self.data.kind

    def validate_content(self) -> None:
        if not self.content:
            raise ValueError("Content hasn't been loaded yet")
        self._data = InfrahubFileData(**self.content)


class SchemaFile(YamlFile):
    @property
    def payload(self) -> dict[str, Any]:
        return self.content or {}
