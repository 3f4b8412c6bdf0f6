"""Generators and checks run by a real server: the user's classes from a repository, in
subprocesses whose SDK client talks back to the server."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infrahub_server.api.context import ServerContext
from infrahub_server.app import start_server
from infrahub_server.generator_runs import run_check_definition, run_generator_definition
from infrahub_server.middleware.metrics import RequestMetrics
from infrahub_server.settings import Settings
from tests.live_server import LiveServer, running_server

pytestmark = pytest.mark.slow

FILES = {
    ".infrahub.yml": """
        schemas: [schema.yml]
        objects: [objects.yml]
        queries:
          - {name: design, file_path: design.gql}
          - {name: devices, file_path: devices.gql}
        generator_definitions:
          - {name: leaves, file_path: leaves.py, class_name: LeafGenerator, query: design, targets: designs,
             parameters: {name: name__value}}
        check_definitions:
          - {name: at_most_two_leaves, file_path: leaf_check.py, class_name: AtMostTwoLeaves}
        """,
    "schema.yml": """
        version: "1.0"
        nodes:
          - name: Design
            namespace: Lab
            human_friendly_id: [name__value]
            display_label: name__value
            attributes: [{name: name, kind: Text, unique: true}, {name: leaf_count, kind: Number}]
          - name: Leaf
            namespace: Lab
            human_friendly_id: [name__value]
            attributes: [{name: name, kind: Text, unique: true}]
        """,
    "objects.yml": """
        apiVersion: infrahub.app/v1
        kind: Object
        spec:
          kind: CoreStandardGroup
          data: [{name: designs}]
        """,
    "design.gql": """
        query design($name: String!) {
          LabDesign(name__value: $name) { edges { node { id name { value } leaf_count { value } } } }
        }
        """,
    "devices.gql": "query devices { LabLeaf { count edges { node { id name { value } } } } }\n",
    "leaves.py": """
        from infrahub_sdk.generator import InfrahubGenerator


        class LeafGenerator(InfrahubGenerator):
            async def generate(self, data):
                design = data["LabDesign"]["edges"][0]["node"]
                for index in range(design["leaf_count"]["value"]):
                    leaf = await self.client.create(kind="LabLeaf", name=f"{design['name']['value']}-leaf{index}")
                    await leaf.save(allow_upsert=True)
        """,
    "leaf_check.py": """
        from infrahub_sdk.checks import InfrahubCheck


        class AtMostTwoLeaves(InfrahubCheck):
            query = "devices"

            def validate(self, data):
                count = data["LabLeaf"]["count"]
                if count > 2:
                    self.log_error(f"{count} leaves, at most 2 allowed")
        """,
}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    workdir = tmp_path_factory.mktemp("generator-runs")
    repository = workdir / "repository"
    repository.mkdir()
    for name, text in FILES.items():
        (repository / name).write_text(textwrap.dedent(text).lstrip())
    with running_server(workdir) as server:
        yield server


def _graphql(live: LiveServer, query: str) -> dict[str, Any]:
    response = httpx.post(
        f"{live.address}/graphql/main",
        json={"query": query},
        headers={"X-INFRAHUB-KEY": live.token},
        timeout=120,
    )
    body = response.json()
    assert not body.get("errors"), body
    return dict(body["data"])


def _leaves(live: LiveServer, prefix: str = "") -> list[str]:
    data = _graphql(live, "query { LabLeaf { edges { node { name { value } } } } }")
    names = (edge["node"]["name"]["value"] for edge in data["LabLeaf"]["edges"])
    return sorted(name for name in names if name.startswith(prefix))


@pytest.fixture(scope="module")
def design(live: LiveServer) -> str:
    location = live.workdir / "repository"
    _graphql(
        live,
        f'mutation {{ CoreRepositoryCreate(data: {{name: {{value: "lab"}}, location: {{value: "{location}"}}}}) {{ ok }} }}',
    )
    group = _graphql(live, 'query { CoreStandardGroup(name__value: "designs") { edges { node { id } } } }')
    group_id = group["CoreStandardGroup"]["edges"][0]["node"]["id"]
    created = _graphql(
        live,
        'mutation { LabDesignCreate(data: {name: {value: "pod1"}, leaf_count: {value: 3}, '
        f'member_of_groups: [{{id: "{group_id}"}}]}}) {{ object {{ id }} }} }}',
    )
    return str(created["LabDesignCreate"]["object"]["id"])


@pytest.fixture
def server_beside(live: LiveServer) -> Iterator[ServerContext]:
    """A server context of this test process on the live server's database, whose loopback
    address is the live server's: what a task worker of that server holds."""
    port = int(live.address.rsplit(":", 1)[1])
    settings = Settings(database_url=f"sqlite:///{live.workdir / 'infrahub.db'}", port=port)
    server = start_server(settings, RequestMetrics())
    try:
        yield server
    finally:
        server.store.close()


def _admin_id(live: LiveServer) -> str:
    return str(_graphql(live, "query { AccountProfile { id } }")["AccountProfile"]["id"])


def test_a_generator_run_creates_then_removes_what_it_no_longer_produces(
    live: LiveServer, design: str, server_beside: ServerContext
) -> None:
    first = run_generator_definition(server_beside, "leaves", branch="main", account_id=_admin_id(live))

    assert (first.succeeded, first.failed) == (1, 0)
    assert _leaves(live, "pod1-") == ["pod1-leaf0", "pod1-leaf1", "pod1-leaf2"]
    instances = _graphql(
        live, "query { CoreGeneratorInstance { edges { node { name { value } status { value } } } } }"
    )
    assert [edge["node"] for edge in instances["CoreGeneratorInstance"]["edges"]] == [
        {"name": {"value": "leaves: pod1"}, "status": {"value": "Ready"}}
    ]

    _graphql(
        live, f'mutation {{ LabDesignUpdate(data: {{id: "{design}", leaf_count: {{value: 1}}}}) {{ ok }} }}'
    )
    second = run_generator_definition(
        server_beside, "leaves", branch="main", nodes=[design], account_id=_admin_id(live)
    )

    assert (second.succeeded, second.failed) == (1, 0)
    assert _leaves(live, "pod1-") == ["pod1-leaf0"]


def test_a_failing_check_is_recorded_with_its_errors(
    live: LiveServer, design: str, server_beside: ServerContext
) -> None:
    for name in ("extra-a", "extra-b", "extra-c"):
        _graphql(live, f'mutation {{ LabLeafUpsert(data: {{name: {{value: "{name}"}}}}) {{ ok }} }}')
    count = len(_leaves(live))
    logged: list[tuple[str, str]] = []

    report = run_check_definition(
        server_beside,
        "at_most_two_leaves",
        branch="main",
        account_id=_admin_id(live),
        log=lambda m, s: logged.append((s, m)),
    )

    assert report.passed is False
    assert [(o.passed, [log["message"] for log in o.logs]) for o in report.outcomes] == [
        (False, [f"{count} leaves, at most 2 allowed"])
    ]
    assert ("error", f"at_most_two_leaves: {count} leaves, at most 2 allowed") in logged


def test_the_run_mutation_runs_the_generator_as_a_task(live: LiveServer, design: str) -> None:
    _graphql(
        live, f'mutation {{ LabDesignUpdate(data: {{id: "{design}", leaf_count: {{value: 2}}}}) {{ ok }} }}'
    )

    answer = _graphql(
        live,
        'mutation { CoreGeneratorDefinitionRun(data: {id: "leaves"}, wait_until_completion: true) { ok task { id } } }',
    )

    run = answer["CoreGeneratorDefinitionRun"]
    assert run["ok"] is True
    assert _leaves(live, "pod1-") == ["pod1-leaf0", "pod1-leaf1"]
    task = _graphql(
        live, f'query {{ InfrahubTask(ids: ["{run["task"]["id"]}"]) {{ edges {{ node {{ state }} }} }} }}'
    )
    assert task["InfrahubTask"]["edges"][0]["node"]["state"] == "COMPLETED"
