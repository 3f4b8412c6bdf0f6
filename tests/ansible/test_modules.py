"""The modules against a real server, through self-asserting playbooks run by ansible-playbook."""

from __future__ import annotations

import pytest
from ansible_harness import Ansible, RunningServer

pytestmark = pytest.mark.slow

THINGS_SCHEMA = {
    "version": "1.0",
    "nodes": [
        {
            "name": "Site",
            "namespace": "Testing",
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
        },
        {
            "name": "Thing",
            "namespace": "Testing",
            "human_friendly_id": ["name__value"],
            "attributes": [
                {"name": "name", "kind": "Text", "unique": True},
                {"name": "description", "kind": "Text", "optional": True},
            ],
            "relationships": [
                {"name": "site", "peer": "TestingSite", "cardinality": "one", "optional": True},
                {"name": "tags", "peer": "BuiltinTag", "cardinality": "many", "optional": True},
            ],
        },
    ],
}


@pytest.fixture(scope="module")
def things(infrahub_server: RunningServer) -> RunningServer:
    with infrahub_server.client() as client:
        response = client.schema.load([THINGS_SCHEMA])
        assert not response.errors
        for name in ("paris", "denver"):
            client.create("TestingSite", name=name).save(allow_upsert=True)
        for name in ("red", "blue"):
            client.create("BuiltinTag", name=name).save(allow_upsert=True)
    return infrahub_server


def test_node_lifecycle(ansible: Ansible, things: RunningServer, server_env: dict[str, str]) -> None:
    ansible.playbook("node_lifecycle.yml", env=server_env)
    with things.client() as client:
        assert client.filters("TestingThing", name__value="widget-1") == []


def test_schema_object_files_and_queries(
    ansible: Ansible, things: RunningServer, server_env: dict[str, str]
) -> None:
    ansible.playbook("schema_and_objects.yml", env=server_env)


def test_branch_lifecycle_through_merge(
    ansible: Ansible, things: RunningServer, server_env: dict[str, str]
) -> None:
    ansible.playbook("branch_lifecycle.yml", env=server_env)
