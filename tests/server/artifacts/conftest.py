"""A small lab for the artefact tests: a repository folder (schema, devices in a group, a stored
query, a Jinja2 transform, an artefact definition) imported into a fresh server, whose object
storage sits in the test's temporary directory."""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from infrahub_server.api.context import ServerContext
from infrahub_server.app import create_app
from infrahub_server.nodes.service import NodeService
from infrahub_server.repositories.sync import sync_repository
from infrahub_server.settings import Settings
from tests.server.conftest import serving

ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}
DEVICES = ("leaf1", "leaf2", "spine1")

FILES = {
    ".infrahub.yml": """
        schemas: [schema.yml]
        objects: [objects.yml]
        queries:
          - {name: device_config, file_path: device_config.gql}
        jinja2_transforms:
          - {name: device_config, query: device_config, template_path: device.j2}
        artifact_definitions:
          - name: startup_config
            artifact_name: startup-config
            content_type: text/plain
            targets: lab_devices
            transformation: device_config
            parameters: {device: name__value}
        """,
    "schema.yml": """
        version: "1.0"
        nodes:
          - name: Site
            namespace: Lab
            human_friendly_id: [name__value]
            attributes: [{name: name, kind: Text, unique: true}]
          - name: Device
            namespace: Lab
            inherit_from: [CoreArtifactTarget]
            human_friendly_id: [name__value]
            attributes:
              - {name: name, kind: Text, unique: true}
              - {name: asn, kind: Number}
            relationships:
              - {name: site, peer: LabSite, cardinality: one, optional: true}
        """,
    "objects.yml": """
        apiVersion: infrahub.app/v1
        kind: Object
        spec:
          kind: CoreStandardGroup
          data:
            - {name: lab_devices}
        """,
    "device_config.gql": """
        query device_config($device: String!) {
          LabDevice(name__value: $device) {
            edges { node { id name { value } asn { value } site { node { id name { value } } } } }
          }
        }
        """,
    "device.j2": """
        {% set device = data.LabDevice.edges[0].node %}
        hostname {{ device.name.value }}
        router bgp {{ device.asn.value }}
        {% if device.site.node %}
        snmp-server location {{ device.site.node.name.value }}
        {% endif %}
        """,
}


@dataclass
class Lab:
    server: ServerContext
    client: httpx.AsyncClient
    repository: Path
    devices: dict[str, str]
    site_id: str

    def write(self, name: str, text: str) -> None:
        (self.repository / name).write_text(textwrap.dedent(text).lstrip())


def write_repository(directory: Path) -> None:
    directory.mkdir()
    for name, text in FILES.items():
        (directory / name).write_text(textwrap.dedent(text).lstrip())


def populate(server: ServerContext, repository: Path) -> tuple[dict[str, str], str]:
    """Create the repository node, import it on main, then a site and the devices in the group."""
    schema = server.schemas.for_branch_name("main")
    with server.store.change_set("main", actor_id=None) as writer:
        repository_id = NodeService(schema, writer).create(
            "CoreRepository", {"name": {"value": "lab"}, "location": {"value": str(repository)}}
        )
    result = sync_repository(server, repository_id, "main")
    assert result.status == "in-sync", result.message
    schema = server.schemas.for_branch_name("main")
    with server.store.change_set("main", actor_id=None) as writer:
        service = NodeService(schema, writer)
        site_id = service.create("LabSite", {"name": {"value": "atl1"}})
        devices = {
            name: service.create(
                "LabDevice",
                {"name": {"value": name}, "asn": {"value": 65000 + index}, "site": {"id": site_id}},
            )
            for index, name in enumerate(DEVICES)
        }
        group_id, _ = service.upsert("CoreStandardGroup", {"name": {"value": "lab_devices"}})
        service.relationship_add(group_id, "members", [{"id": node_id} for node_id in devices.values()])
    return devices, site_id


@pytest.fixture
def artifact_settings(server_settings: Settings, tmp_path: Path) -> Settings:
    return dataclasses.replace(server_settings, storage_directory=str(tmp_path / "storage"))


@pytest.fixture
def app(artifact_settings: Settings) -> Starlette:
    return create_app(artifact_settings)


@pytest.fixture
async def lab(app: Starlette, tmp_path: Path) -> AsyncIterator[Lab]:
    async with serving(app) as client:
        server: ServerContext = app.state.server
        repository = tmp_path / "repository"
        write_repository(repository)
        devices, site_id = populate(server, repository)
        yield Lab(server, client, repository, devices, site_id)
