"""`.infrahub.yml` and the pytest-plugin test files: Infrahub's format, and every reference resolves."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import graphql
import pytest
from generators_repository import REPOSITORY, read_yaml, read_yaml_documents

# Keys of each list of `.infrahub.yml` (infrahub-sdk 1.23 `InfrahubRepositoryConfig`, extra keys forbidden).
ELEMENT_KEYS = {
    "queries": ({"name", "file_path"}, set()),
    "jinja2_transforms": ({"name", "query", "template_path"}, {"description", "watch"}),
    "python_transforms": (
        {"name", "file_path"},
        {"class_name", "convert_query_response", "description", "watch"},
    ),
    "artifact_definitions": (
        {"name", "parameters", "content_type", "targets", "transformation"},
        {"artifact_name"},
    ),
    "generator_definitions": (
        {"name", "file_path", "query", "targets"},
        {
            "class_name",
            "parameters",
            "convert_query_response",
            "execute_in_proposed_change",
            "execute_after_merge",
            "watch",
        },
    ),
    "check_definitions": ({"name", "file_path"}, {"class_name", "parameters", "targets"}),
}
PATH_LISTS = {"schemas", "objects", "menus"}
CONTENT_TYPES = {
    "application/json",
    "application/yaml",
    "application/xml",
    "application/hcl",
    "text/plain",
    "text/markdown",
    "text/csv",
    "image/svg+xml",
}
CLASS_DEFAULTS = {
    "python_transforms": "Transform",
    "generator_definitions": "Generator",
    "check_definitions": "Check",
}
BASE_CLASSES = {
    "python_transforms": "InfrahubTransform",
    "generator_definitions": "InfrahubGenerator",
    "check_definitions": "InfrahubCheck",
}


def _names(config: dict[str, Any], section: str) -> set[str]:
    return {item["name"] for item in config.get(section, [])}


def _query_variables(config: dict[str, Any], name: str) -> set[str]:
    (entry,) = [query for query in config["queries"] if query["name"] == name]
    document = graphql.parse((REPOSITORY / entry["file_path"]).read_text())
    return {
        variable.variable.name.value
        for definition in document.definitions
        if isinstance(definition, graphql.OperationDefinitionNode)
        for variable in definition.variable_definitions
    }


def _class_definition(path: Path, class_name: str) -> ast.ClassDef:
    tree = ast.parse(path.read_text())
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    assert class_name in classes, f"{class_name} is not defined in {path}"
    return classes[class_name]


def _class_query(definition: ast.ClassDef) -> str | None:
    for statement in definition.body:
        if (
            isinstance(statement, ast.Assign)
            and [target.id for target in statement.targets if isinstance(target, ast.Name)] == ["query"]
            and isinstance(statement.value, ast.Constant)
        ):
            return str(statement.value.value)
    return None


def _standard_groups() -> set[str]:
    groups = set()
    for path in sorted((REPOSITORY / "objects").glob("*.yml")):
        for document in read_yaml_documents(path):
            if document["spec"]["kind"] == "CoreStandardGroup":
                groups.update(item["name"] for item in document["spec"]["data"])
    return groups


def test_only_known_sections_and_keys(repository_config: dict[str, Any]) -> None:
    assert set(repository_config) <= set(ELEMENT_KEYS) | PATH_LISTS | {"graphql_fragments"}
    for section, (required, optional) in ELEMENT_KEYS.items():
        for item in repository_config.get(section, []):
            assert required <= set(item), f"{section} {item.get('name')} lacks {required - set(item)}"
            assert set(item) <= required | optional, (
                f"{section} {item['name']}: {set(item) - required - optional}"
            )
        names = [item["name"] for item in repository_config.get(section, [])]
        assert len(names) == len(set(names)), f"duplicate names in {section}"


def test_every_file_it_names_exists(repository_config: dict[str, Any]) -> None:
    paths = [path for section in PATH_LISTS for path in repository_config.get(section, [])]
    for section in ELEMENT_KEYS:
        for item in repository_config.get(section, []):
            paths.extend(item[key] for key in ("file_path", "template_path") if key in item)
    missing = [path for path in paths if not (REPOSITORY / path).is_file()]
    assert missing == []
    on_disk = {
        path.relative_to(REPOSITORY).as_posix()
        for folder in ("schemas", "objects", "queries", "templates")
        for path in (REPOSITORY / folder).iterdir()
    }
    assert on_disk <= set(paths), "files that .infrahub.yml does not load"


def test_every_name_it_refers_to_is_defined(repository_config: dict[str, Any]) -> None:
    queries = _names(repository_config, "queries")
    transforms = _names(repository_config, "jinja2_transforms") | _names(
        repository_config, "python_transforms"
    )
    groups = _standard_groups()
    for transform in repository_config["jinja2_transforms"]:
        assert transform["query"] in queries
    for definition in repository_config["artifact_definitions"]:
        assert definition["transformation"] in transforms
        assert definition["targets"] in groups
        assert definition["content_type"] in CONTENT_TYPES
    for definition in repository_config["generator_definitions"]:
        assert definition["query"] in queries
        assert definition["targets"] in groups


def test_parameters_are_the_variables_of_the_query(repository_config: dict[str, Any]) -> None:
    python_queries = {
        item["name"]: _class_query(
            _class_definition(REPOSITORY / item["file_path"], item.get("class_name", "Transform"))
        )
        for item in repository_config["python_transforms"]
    }
    jinja2_queries = {item["name"]: item["query"] for item in repository_config["jinja2_transforms"]}
    transform_queries = {**python_queries, **jinja2_queries}
    for definition in repository_config["artifact_definitions"]:
        query = transform_queries[definition["transformation"]]
        assert query is not None
        assert set(definition["parameters"]) == _query_variables(repository_config, query), definition["name"]
    for definition in repository_config["generator_definitions"]:
        assert set(definition["parameters"]) == _query_variables(repository_config, definition["query"])


@pytest.mark.parametrize("section", sorted(CLASS_DEFAULTS))
def test_python_classes_have_the_official_shape(repository_config: dict[str, Any], section: str) -> None:
    queries = _names(repository_config, "queries")
    for item in repository_config[section]:
        definition = _class_definition(
            REPOSITORY / item["file_path"], item.get("class_name", CLASS_DEFAULTS[section])
        )
        assert [base.id for base in definition.bases if isinstance(base, ast.Name)] == [BASE_CLASSES[section]]
        methods = {
            node.name: node
            for node in definition.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        if section == "generator_definitions":
            assert isinstance(methods["generate"], ast.AsyncFunctionDef)
        elif section == "python_transforms":
            assert "transform" in methods
            assert _class_query(definition) in queries
        else:
            assert "validate" in methods
            assert _class_query(definition) in queries


def test_plugin_test_files_name_resources_and_data_that_exist(repository_config: dict[str, Any]) -> None:
    sections = {
        "Jinja2Transform": "jinja2_transforms",
        "PythonTransform": "python_transforms",
        "Check": "check_definitions",
        "GraphQLQuery": "queries",
    }
    test_files = sorted((REPOSITORY / "tests").glob("test_*.yml"))
    assert len(test_files) == 4
    covered = set()
    for path in test_files:
        content = read_yaml(path)
        assert set(content) == {"version", "infrahub_tests"}
        for group in content["infrahub_tests"]:
            section = sections[group["resource"]]
            assert group["resource_name"] in _names(repository_config, section)
            covered.add((section, group["resource_name"]))
            for test in group["tests"]:
                spec = test["spec"]
                if "directory" in spec:
                    directory = path.parent / spec["directory"]
                    for key, default in (("input", "input.json"), ("output", None)):
                        name = spec.get(key, default)
                        if name is not None:
                            assert (directory / name).is_file(), f"{test['name']}: no {directory / name}"
                if "path" in spec:
                    assert (REPOSITORY / spec["path"]).is_file()
    every_resource = {
        (section, name) for section in sections.values() for name in _names(repository_config, section)
    }
    assert covered == every_resource
