"""Object files imported from a repository, in the shapes `infrahubctl object load` accepts."""

from __future__ import annotations

import shutil

import httpx

from tests.server.repositories.repository_helpers import GENERATORS, GitRepository, graphql

OBJECTS = """\
apiVersion: infrahub.app/v1
kind: Object
spec:
  kind: NetRegion
  data:
    - name: europe
---
apiVersion: infrahub.app/v1
kind: Object
spec:
  kind: NetDevice
  data:
    - name: leaf1
      site: {kind: NetSite, data: {name: ams1, parent: europe}}
      role: {data: {name: leaf}}
      platform: [frr]
      interfaces:
        kind: NetInterface
        parameters: {expand_range: true}
        data:
          - name: eth[1-3]
            mtu: 9000
"""
PLATFORMS = """\
apiVersion: infrahub.app/v1
kind: Object
spec:
  kind: NetPlatform
  data:
    - {name: frr}
"""
DEVICES = """
{
  NetDevice { edges { node {
    name { value } site { node { display_label } } role { node { display_label } } platform { node { display_label } }
    interfaces { edges { node { name { value } mtu { value } } } }
  } } }
}
"""


async def test_nested_objects_references_and_ranges_are_loaded_once(
    client: httpx.AsyncClient, git_repository: GitRepository
) -> None:
    shutil.copytree(GENERATORS / "schemas", git_repository.path / "schemas")
    git_repository.write("objects/a_platforms.yml", PLATFORMS)
    git_repository.write("objects/b_devices.yml", OBJECTS)
    git_repository.write(".infrahub.yml", "schemas: [schemas]\nobjects: [objects]\n")
    git_repository.commit()

    body = await graphql(
        client,
        'mutation($l: String!) { CoreRepositoryCreate(data: {name: {value: "o"}, location: {value: $l}}) '
        "{ object { id sync_status { value } } } }",
        {"l": str(git_repository.path)},
    )
    created = body["data"]["CoreRepositoryCreate"]["object"]
    assert created["sync_status"]["value"] == "in-sync"

    devices = await graphql(client, DEVICES)
    assert devices["data"]["NetDevice"]["edges"] == [
        {
            "node": {
                "name": {"value": "leaf1"},
                "site": {"node": {"display_label": "ams1"}},
                "role": {"node": {"display_label": "leaf"}},
                "platform": {"node": {"display_label": "frr"}},
                "interfaces": {
                    "edges": [
                        {"node": {"name": {"value": f"eth{number}"}, "mtu": {"value": 9000}}}
                        for number in (1, 2, 3)
                    ]
                },
            }
        }
    ]
    process = await graphql(
        client,
        "mutation($id: String!) { InfrahubRepositoryProcess(data: {id: $id}) { ok } }",
        {"id": created["id"]},
    )
    assert process["data"]["InfrahubRepositoryProcess"]["ok"] is True
    assert await graphql(client, DEVICES) == devices
