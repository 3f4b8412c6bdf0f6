"""One pytest item per YAML test: what it loads, what it runs, how it compares."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from graphql import GraphQLError, parse

from infrahub_sdk._async.client import InfrahubClient
from infrahub_sdk._async.node import InfrahubNode
from infrahub_sdk.config import Config
from infrahub_sdk.graphql.fragments import render_query
from infrahub_sdk.schema.repository import InfrahubRepositoryConfig
from infrahub_sdk.template import Jinja2Template

from .models import InfrahubTest, InfrahubTestExpectedResult, InfrahubTestResource


class InfrahubTestFailure(Exception):
    """The resource did not behave as the test expects."""


def read_data(path: Path) -> Any:
    """JSON or YAML content, or the text itself for other files."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    if path.suffix in {".yml", ".yaml"}:
        return yaml.safe_load(text)
    return text


class InfrahubItem(pytest.Item):
    def __init__(
        self,
        *,
        resource: InfrahubTestResource,
        resource_name: str,
        test: InfrahubTest,
        repository: InfrahubRepositoryConfig,
        root: Path,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.resource = resource
        self.resource_name = resource_name
        self.test = test
        self.repository = repository
        self.root = root

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.resource.value} {self.resource_name}: {self.test.name}"

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, InfrahubTestFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style=style))

    def _directory(self) -> Path:
        return self.path.parent / (self.test.spec.directory or Path())

    def _optional_spec_file(self, name: Path | None, default_glob: str) -> Path | None:
        directory = self._directory()
        if name is not None:
            return directory / name
        return next(iter(sorted(directory.glob(default_glob))), None)

    def _spec_file(self, name: Path | None, default_glob: str) -> Path:
        found = self._optional_spec_file(name, default_glob)
        if found is None or not found.exists():
            raise InfrahubTestFailure(f"no {name or default_glob} file in {self._directory()}")
        return found

    def setup(self) -> None:
        """A test whose directory or input is missing is an error of the test, not a failure of the resource."""
        if self.test.spec.directory is not None and not self._directory().is_dir():
            raise InfrahubTestFailure(f"the test directory {self._directory()} does not exist")
        if self.test.spec.category == "unit" and self.resource != InfrahubTestResource.GRAPHQL_QUERY:
            self._spec_file(self.test.spec.input, "input.*")

    def _load_class(self, file_path: Path, class_name: str) -> Any:
        root = str(self.root)
        if root not in sys.path:
            sys.path.insert(0, root)
        from infrahub_sdk._importer import import_module

        parent = file_path.parent
        module = import_module(
            module_path=file_path,
            import_root=root,
            relative_path=None if parent == Path() else parent.as_posix(),
        )
        return getattr(module, class_name)

    def _client(self) -> InfrahubClient:
        options = self.config.getoption
        credentials: dict[str, Any] = (
            {"api_token": options("infrahub_key")}
            if options("infrahub_key")
            else {"username": options("infrahub_username"), "password": options("infrahub_password")}
        )
        return InfrahubClient(
            config=Config(
                address=options("infrahub_address"), default_branch=options("infrahub_branch"), **credentials
            )
        )

    def _query_text(self, name: str) -> str:
        """The repository's query `name`, with the fragments it uses inlined."""
        root = str(self.root)
        query = self.repository.get_query(name=name)
        fragments = [text for item in self.repository.graphql_fragments for text in item.load_fragments(root)]
        return render_query(query.load_query(root), fragments, query_file=str(query.file_path))

    def _integration_data(self, query_name: str) -> Any:
        variables = self.test.spec.variables
        if isinstance(variables, Path):
            variables = read_data(self.path.parent / (self.test.spec.directory or Path()) / variables)
        client = self._client()
        return asyncio.run(client.execute_graphql(query=self._query_text(query_name), variables=variables))

    def _compare(self, produced: Any) -> None:
        """Compare with the expected output; without an output file, producing one is enough."""
        output = self._optional_spec_file(self.test.spec.output, "output.*")
        if output is None:
            return
        if not output.exists():
            raise InfrahubTestFailure(f"no {output.name} file in {self._directory()}")
        expected = read_data(output)
        matches = produced == expected
        if matches != (self.test.expect == InfrahubTestExpectedResult.PASS):
            raise InfrahubTestFailure(
                f"expected {'the same output as' if not matches else 'an output different from'} "
                f"{self.test.spec.output or 'output.*'}; produced:\n{produced}"
            )

    def runtest(self) -> None:
        runner = getattr(self, f"_run_{self.resource.name.lower()}")
        runner(self.test.spec.category)

    def _run_graphql_query(self, category: str) -> None:
        path = self.test.spec.path or self.repository.get_query(name=self.resource_name).file_path
        if category == "smoke":
            try:
                parse((self.root / path).read_text(encoding="utf-8"))
            except GraphQLError as exc:
                raise InfrahubTestFailure(f"{path}: {exc.message}") from exc
            return
        self._compare(self._integration_data(self.test.spec.query or self.resource_name))

    def _run_jinja2_transform(self, category: str) -> None:
        transform = self.repository.get_jinja2_transform(name=self.resource_name)
        template = Jinja2Template(transform.template_path, self.root)
        if category == "smoke":
            template.get_template()
            return
        if category == "unit":
            variables = read_data(self._spec_file(self.test.spec.input, "input.*"))
        else:
            variables = {"data": self._integration_data(transform.query)}
        self._compare(template.render(variables))

    def _run_python_transform(self, category: str) -> None:
        definition = self.repository.get_python_transform(name=self.resource_name)
        transform_class = self._load_class(definition.file_path, definition.class_name)
        if category == "smoke":
            return
        transform = transform_class(client=self._client(), infrahub_node=InfrahubNode)
        if category == "unit":
            data = read_data(self._spec_file(self.test.spec.input, "input.*"))
        else:
            data = self._integration_data(transform.query)
        self._compare(asyncio.run(transform.run(data=data)))

    def _run_check(self, category: str) -> None:
        definition = self.repository.get_check_definition(name=self.resource_name)
        check_class = self._load_class(definition.file_path, definition.class_name)
        if category == "smoke":
            return
        check = check_class(branch=self.config.getoption("infrahub_branch"), client=self._client())
        if category == "unit":
            data = read_data(self._spec_file(self.test.spec.input, "input.*"))
        else:
            data = self._integration_data(check.query)
        passed = asyncio.run(check.run(data=data))
        if passed != (self.test.expect == InfrahubTestExpectedResult.PASS):
            raise InfrahubTestFailure(f"check expected to {self.test.expect.value}:\n{check.log_entries}")
