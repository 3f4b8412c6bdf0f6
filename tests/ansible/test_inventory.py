"""`ansible-inventory --list` with infrahub.lite.inventory against a real server."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ansible_harness import Ansible, RunningServer

pytestmark = pytest.mark.slow

INVENTORIES = Path(__file__).parent / "inventories"

HOSTS_SCHEMA = {
    "version": "1.0",
    "nodes": [
        {
            "name": "Region",
            "namespace": "Testing",
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
        },
        {
            "name": "Site",
            "namespace": "Testing",
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
            "relationships": [
                {"name": "region", "peer": "TestingRegion", "cardinality": "one", "optional": True}
            ],
        },
        {
            "name": "Host",
            "namespace": "Testing",
            "human_friendly_id": ["name__value"],
            "display_labels": ["name__value"],
            "attributes": [
                {"name": "name", "kind": "Text", "unique": True},
                {"name": "role", "kind": "Text"},
                {"name": "platform", "kind": "Text", "optional": True},
            ],
            "relationships": [
                {"name": "site", "peer": "TestingSite", "cardinality": "one", "optional": True},
                {"name": "tags", "peer": "BuiltinTag", "cardinality": "many", "optional": True},
            ],
        },
    ],
}

HOSTS = [
    ("host-a", "edge", "eos", "paris", ["blue"]),
    ("host-b", "core", "eos", "paris", []),
    ("host-c", "edge", "nxos", "denver", ["blue", "red"]),
    ("host-d", "core", "nxos", "denver", []),
]


@pytest.fixture(scope="module")
def hosts(infrahub_server: RunningServer) -> RunningServer:
    with infrahub_server.client() as client:
        assert not client.schema.load([HOSTS_SCHEMA]).errors
        for region, sites in (("emea", ["paris"]), ("amer", ["denver"])):
            region_node = client.create("TestingRegion", name=region)
            region_node.save(allow_upsert=True)
            for site in sites:
                client.create("TestingSite", name=site, region=region_node).save(allow_upsert=True)
        for tag in ("blue", "red"):
            client.create("BuiltinTag", name=tag).save(allow_upsert=True)
        for name, role, platform, site, tags in HOSTS:
            host = client.create(
                "TestingHost",
                name=name,
                role=role,
                platform=platform,
                site=[site],
                tags=[[tag] for tag in tags],
            )
            host.save(allow_upsert=True)
    return infrahub_server


def test_host_vars_are_nested_dicts_from_the_include_paths(
    ansible: Ansible, hosts: RunningServer, server_env: dict[str, str]
) -> None:
    inventory = ansible.inventory(INVENTORIES / "grouping.yml", env=server_env)

    hostvars = inventory["_meta"]["hostvars"]
    assert sorted(hostvars) == ["host-a", "host-b", "host-c", "host-d"]
    host_c = hostvars["host-c"]
    assert host_c["site"] == {"name": "denver", "region": {"name": "amer"}}
    assert sorted(tag["name"] for tag in host_c["tags"]) == ["blue", "red"]
    assert (host_c["role"], host_c["platform"], host_c["location"], host_c["region"]) == (
        "edge",
        "nxos",
        "denver",
        "amer",
    )
    assert set(host_c) == {"id", "name", "role", "platform", "site", "tags", "location", "region"}


def test_keyed_groups_and_groups(ansible: Ansible, hosts: RunningServer, server_env: dict[str, str]) -> None:
    inventory = ansible.inventory(INVENTORIES / "grouping.yml", env=server_env)

    members = {group: sorted(inventory[group]["hosts"]) for group in inventory if "hosts" in inventory[group]}
    assert members == {
        "site_paris": ["host-a", "host-b"],
        "site_denver": ["host-c", "host-d"],
        "region_emea": ["host-a", "host-b"],
        "region_amer": ["host-c", "host-d"],
        "edge_devices": ["host-a", "host-c"],
    }


def test_filters_and_whole_relationships(
    ansible: Ansible, hosts: RunningServer, server_env: dict[str, str]
) -> None:
    inventory = ansible.inventory(INVENTORIES / "filtered.yml", env=server_env)

    hostvars = inventory["_meta"]["hostvars"]
    assert sorted(hostvars) == ["host-a", "host-b"]
    site = hostvars["host-a"]["site"]
    assert set(site) == {"id", "display_label"}
    assert hostvars["host-a"]["role"] == "edge"


def test_a_wrong_include_path_names_the_kind_and_the_field(
    ansible: Ansible, hosts: RunningServer, server_env: dict[str, str], tmp_path: Path
) -> None:
    config = tmp_path / "wrong.yml"
    config.write_text(
        "plugin: infrahub.lite.inventory\nnodes:\n  TestingHost:\n    include: [site.country]\n"
    )

    completed = ansible.run("ansible-inventory", "-i", str(config), "--list", check=False, env=server_env)

    assert "TestingSite has no attribute or relationship 'country'" in completed.stderr


def test_one_request_per_kind_plus_the_schema(
    ansible: Ansible, hosts: RunningServer, server_env: dict[str, str]
) -> None:
    completed = ansible.run(
        "ansible-inventory", "-v", "-i", str(INVENTORIES / "grouping.yml"), "--list", env=server_env
    )

    assert "4 hosts from 1 kind(s) in 2 requests" in completed.stdout + completed.stderr


def test_a_branch_shows_its_own_hosts_and_main_does_not(
    ansible: Ansible, hosts: RunningServer, server_env: dict[str, str]
) -> None:
    with hosts.client() as client:
        client.branch.create(branch_name="add-host-e")
        client.create("TestingHost", branch="add-host-e", name="host-e", role="edge").save(allow_upsert=True)

    on_branch = ansible.inventory(
        INVENTORIES / "grouping.yml", env={**server_env, "INFRAHUB_DEFAULT_BRANCH": "add-host-e"}
    )
    on_main = ansible.inventory(INVENTORIES / "grouping.yml", env=server_env)

    assert sorted(on_branch["_meta"]["hostvars"]) == ["host-a", "host-b", "host-c", "host-d", "host-e"]
    assert sorted(on_branch["edge_devices"]["hosts"]) == ["host-a", "host-c", "host-e"]
    assert sorted(on_main["_meta"]["hostvars"]) == ["host-a", "host-b", "host-c", "host-d"]


def test_at_reads_the_hosts_as_they_were(
    ansible: Ansible, hosts: RunningServer, server_env: dict[str, str], tmp_path: Path
) -> None:
    before_change = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    time.sleep(0.01)
    with hosts.client() as client:
        host = client.get("TestingHost", name__value="host-d")
        host.platform.value = "junos"
        host.save()
    config = tmp_path / "at.yml"
    config.write_text(
        f"plugin: infrahub.lite.inventory\nat: '{before_change}'\nhostnames: [name]\n"
        "nodes:\n  TestingHost:\n    include: [platform]\n"
    )

    then = ansible.inventory(config, env=server_env)["_meta"]["hostvars"]
    now = ansible.inventory(INVENTORIES / "grouping.yml", env=server_env)["_meta"]["hostvars"]

    assert (then["host-d"]["platform"], now["host-d"]["platform"]) == ("nxos", "junos")


def test_the_cache_answers_until_it_is_flushed(
    ansible: Ansible, hosts: RunningServer, server_env: dict[str, str], tmp_path: Path
) -> None:
    config = tmp_path / "cached.yml"
    config.write_text(
        "plugin: infrahub.lite.inventory\nhostnames: [name]\nnodes:\n  TestingHost:\n    include: [role]\n"
        f"cache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_connection: {tmp_path / 'cache'}\n"
    )
    first = ansible.inventory(config, env=server_env)
    with hosts.client() as client:
        added = client.create("TestingHost", name="host-f", role="edge")
        added.save(allow_upsert=True)
        try:
            cached = ansible.inventory(config, env=server_env)
            flushed = json.loads(
                ansible.run(
                    "ansible-inventory", "-i", str(config), "--list", "--flush-cache", env=server_env
                ).stdout
            )
        finally:
            added.delete()

    assert sorted(cached["_meta"]["hostvars"]) == sorted(first["_meta"]["hostvars"])
    assert "host-f" in flushed["_meta"]["hostvars"]


@pytest.mark.parametrize(("strict", "fails"), [(False, False), (True, True)])
def test_a_failing_expression_is_one_warning_or_with_strict_an_error(
    ansible: Ansible,
    hosts: RunningServer,
    server_env: dict[str, str],
    tmp_path: Path,
    strict: bool,
    fails: bool,
) -> None:
    config = tmp_path / "strict.yml"
    config.write_text(
        f"plugin: infrahub.lite.inventory\nstrict: {str(strict).lower()}\nhostnames: [name]\n"
        "nodes:\n  TestingHost:\n    include: [role, platform]\n"
        "compose:\n  country: site.country | upper\n  os: platform\n"
    )

    completed = ansible.run("ansible-inventory", "-i", str(config), "--list", env=server_env, check=False)

    if fails:
        assert "Could not set country for host" in completed.stderr
    else:
        assert "compose.country failed for 4 host(s)" in completed.stderr
        hostvars = json.loads(completed.stdout)["_meta"]["hostvars"]
        assert hostvars["host-a"]["os"] == {"__ansible_unsafe": "eos"}
