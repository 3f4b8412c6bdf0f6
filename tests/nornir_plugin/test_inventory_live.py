"""The plugin against a real server subprocess: nornir-infrahub's own scenario, then what only ours does.

The server is seeded with plain GraphQL requests (no SDK), and the inventory is loaded the way users
load it, through `InitNornir`. Requests are counted by wrapping `httpx.Client.send`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from nornir import InitNornir
from nornir.core.inventory import Inventory

from nornir_plugin import _cache as cache_module

pytestmark = pytest.mark.e2e

TOKEN = "4b1d6c1e-5c55-4a8e-9a61-nornirplugin1"

SCHEMA = {
    "version": "1.0",
    "nodes": [
        {
            "name": "Platform",
            "namespace": "Infra",
            "human_friendly_id": ["name__value"],
            "attributes": [
                {"name": "name", "kind": "Text", "unique": True},
                {"name": "nornir_platform", "kind": "Text"},
            ],
        },
        {
            "name": "Region",
            "namespace": "Infra",
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
        },
        {
            "name": "Site",
            "namespace": "Infra",
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
            "relationships": [
                {"name": "region", "peer": "InfraRegion", "cardinality": "one", "optional": True}
            ],
        },
        {
            "name": "IPAddress",
            "namespace": "Infra",
            "human_friendly_id": ["address__value"],
            "attributes": [{"name": "address", "kind": "IPHost", "unique": True}],
        },
        {
            "name": "Device",
            "namespace": "Infra",
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
            "relationships": [
                {"name": "platform", "peer": "InfraPlatform", "cardinality": "one", "optional": True},
                {"name": "site", "peer": "InfraSite", "cardinality": "one", "optional": True},
                {"name": "primary_address", "peer": "InfraIPAddress", "cardinality": "one", "optional": True},
                {
                    "name": "interfaces",
                    "peer": "InfraInterface",
                    "cardinality": "many",
                    "kind": "Component",
                    "identifier": "infradevice__infrainterface",
                },
            ],
        },
        {
            "name": "Interface",
            "namespace": "Infra",
            "human_friendly_id": ["device__name__value", "name__value"],
            "attributes": [{"name": "name", "kind": "Text"}],
            "relationships": [
                {
                    "name": "device",
                    "peer": "InfraDevice",
                    "cardinality": "one",
                    "kind": "Parent",
                    "optional": False,
                    "identifier": "infradevice__infrainterface",
                }
            ],
        },
        {
            "name": "Firewall",
            "namespace": "Infra",
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
            "relationships": [
                {"name": "site", "peer": "InfraSite", "cardinality": "one", "optional": True},
                {"name": "management_ip", "peer": "InfraIPAddress", "cardinality": "one", "optional": True},
            ],
        },
    ],
}

OFFICIAL_OPTIONS = {
    "host_node": {"kind": "InfraDevice"},
    "schema_mappings": [
        {"name": "hostname", "mapping": "primary_address.address"},
        {"name": "platform", "mapping": "platform.nornir_platform"},
    ],
    "group_mappings": ["site.name"],
}


@dataclass
class Seeded:
    address: str
    client: httpx.Client
    before_switch: str
    """A moment after router-1 and router-2 existed, before switch-1 did."""

    def graphql(self, query: str, branch: str = "main") -> dict[str, Any]:
        response = self.client.post(f"/graphql/{branch}", json={"query": query})
        body: dict[str, Any] = response.json()
        assert not body.get("errors"), body
        return body["data"]

    def create(self, kind: str, data: str, branch: str = "main") -> str:
        result = self.graphql(f"mutation {{ {kind}Create(data: {data}) {{ ok object {{ id }} }} }}", branch)
        return str(result[f"{kind}Create"]["object"]["id"])

    def node_id(self, kind: str, name: str, branch: str = "main") -> str:
        found = self.graphql(f'{{ {kind}(name__value: "{name}") {{ edges {{ node {{ id }} }} }} }}', branch)
        return str(found[kind]["edges"][0]["node"]["id"])

    def options(self, **extra: Any) -> dict[str, Any]:
        return {**OFFICIAL_OPTIONS, "address": self.address, "token": TOKEN, **extra}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("nornir-live")
    port = _free_port()
    env = {
        **os.environ,
        "INFRAHUB_DATABASE_URL": f"sqlite:///{workdir / 'infrahub.db'}",
        "INFRAHUB_INITIAL_ADMIN_TOKEN": TOKEN,
    }
    for name in ("INFRAHUB_ADDRESS", "INFRAHUB_API_TOKEN", "INFRAHUB_USERNAME", "INFRAHUB_PASSWORD"):
        env.pop(name, None)
    log = workdir / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "infrahub_server.cli",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=workdir,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"server exited: {log.read_text()}")
            try:
                if httpx.get(f"{address}/api/info", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
            if time.monotonic() > deadline:
                pytest.fail("server did not start in 30 s")
        yield address
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def seeded(server: str) -> Iterator[Seeded]:
    with httpx.Client(base_url=server, headers={"X-INFRAHUB-KEY": TOKEN}, timeout=60) as client:
        client.post("/api/schema/load", json={"schemas": [SCHEMA]}).raise_for_status()
        seeded = Seeded(server, client, before_switch="")
        platform = {
            name: seeded.create(
                "InfraPlatform", f'{{name: {{value: "{name}"}}, nornir_platform: {{value: "{nornir}"}}}}'
            )
            for name, nornir in (("eos", "arista_eos"), ("junos", "juniper_junos"))
        }
        region = seeded.create("InfraRegion", '{name: {value: "North America"}}')
        site = {
            name: seeded.create("InfraSite", f'{{name: {{value: "{name}"}}, region: {{id: "{region}"}}}}')
            for name in ("chicago", "nyc")
        }
        devices = {}
        for index, (name, site_name, platform_name) in enumerate(
            (("router-1", "chicago", "eos"), ("router-2", "chicago", "junos"), ("switch-1", "nyc", "eos")),
            start=1,
        ):
            if name == "switch-1":
                time.sleep(0.01)
                seeded.before_switch = datetime.now(UTC).isoformat()
                time.sleep(0.01)
            ip = seeded.create("InfraIPAddress", f'{{address: {{value: "10.0.0.{index}/32"}}}}')
            devices[name] = seeded.create(
                "InfraDevice",
                f'{{name: {{value: "{name}"}}, site: {{id: "{site[site_name]}"}}, '
                f'platform: {{id: "{platform[platform_name]}"}}, primary_address: {{id: "{ip}"}}}}',
            )
            for port in ("eth0", "eth1"):
                seeded.create(
                    "InfraInterface", f'{{name: {{value: "{port}"}}, device: {{id: "{devices[name]}"}}}}'
                )
        seeded.create(
            "CoreStandardGroup",
            f'{{name: {{value: "core-routers"}}, members: [{{id: "{devices["router-1"]}"}}]}}',
        )
        fw_ip = seeded.create("InfraIPAddress", '{address: {value: "10.0.9.1/32"}}')
        seeded.create(
            "InfraFirewall",
            f'{{name: {{value: "fw-1"}}, site: {{id: "{site["nyc"]}"}}, management_ip: {{id: "{fw_ip}"}}}}',
        )
        seeded.graphql('mutation { BranchCreate(data: {name: "test-branch"}) { ok } }')
        seeded.create(
            "InfraDevice",
            f'{{name: {{value: "router-4"}}, site: {{id: "{site["nyc"]}"}}}}',
            branch="test-branch",
        )
        yield seeded


@pytest.fixture
def requests_sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    sent: list[str] = []
    send = httpx.Client.send

    def counting_send(client: httpx.Client, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        return send(client, request, **kwargs)

    monkeypatch.setattr(httpx.Client, "send", counting_send)
    return sent


def inventory(options: dict[str, Any], tmp_path: Path) -> Inventory:
    """Load through InitNornir, from a directory without defaults.yaml / group.yaml."""
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        nornir = InitNornir(
            logging={"enabled": False}, inventory={"plugin": "InfrahubInventory", "options": options}
        )
    finally:
        os.chdir(cwd)
    return nornir.inventory


def test_nornir_infrahub_scenario_in_two_requests(
    seeded: Seeded, tmp_path: Path, requests_sent: list[str]
) -> None:
    inv = inventory(seeded.options(), tmp_path)
    assert sorted(inv.hosts) == ["router-1", "router-2", "switch-1"]
    assert inv.hosts["router-1"].hostname == "10.0.0.1"
    assert inv.hosts["router-2"].platform == "juniper_junos"
    assert {"site__chicago", "site__nyc", "core-routers"} <= set(inv.groups)
    assert [group.name for group in inv.hosts["router-1"].groups] == ["core-routers", "site__chicago"]
    assert [group.name for group in inv.hosts["switch-1"].groups] == ["site__nyc"]
    assert requests_sent == ["GET /api/schema", "POST /graphql/main"]


def test_multi_hop_and_many_relationship_mappings(seeded: Seeded, tmp_path: Path) -> None:
    inv = inventory(
        seeded.options(
            group_mappings=["site.region.name", "interfaces.name"],
            data_mappings={
                "interfaces": "interfaces.name",
                "region": "site.region.name",
                "hfid": "hfid",
                "site_id": "site.id",
            },
        ),
        tmp_path,
    )
    router = inv.hosts["router-2"]
    assert [group.name for group in router.groups] == [
        "site__north-america",
        "interfaces__eth0",
        "interfaces__eth1",
    ]
    assert (sorted(router.data["interfaces"]), router.data["region"]) == (["eth0", "eth1"], "North America")
    assert router.data["infrahub"]["kind"] == "InfraDevice"
    assert (router.data["hfid"], router.data["site_id"]) == (
        ["router-2"],
        seeded.node_id("InfraSite", "chicago"),
    )


def test_login_with_username_and_password_and_the_sdk_node_on_demand(
    seeded: Seeded, tmp_path: Path, requests_sent: list[str]
) -> None:
    options = {**seeded.options(username="admin", password="infrahub"), "token": None}
    inv = inventory(options, tmp_path)
    router = inv.hosts["router-1"]
    assert "InfrahubNode" not in router.dict()["data"]
    assert requests_sent == ["POST /api/auth/login", "GET /api/schema", "POST /graphql/main"]

    node = router["InfrahubNode"]
    assert (node.id, node.name.value) == (router.data["infrahub"]["id"], "router-1")
    assert [peer.display_label for peer in node.member_of_groups.peers] == ["core-routers"]


def test_several_host_kinds_each_with_its_own_mappings(
    seeded: Seeded, tmp_path: Path, requests_sent: list[str]
) -> None:
    options = seeded.options(
        host_nodes=[
            {"kind": "InfraDevice", "filters": {"site__name__value": "nyc"}},
            {
                "kind": "InfraFirewall",
                "schema_mappings": [{"name": "hostname", "mapping": "management_ip.address"}],
            },
        ],
        schema_mappings=[],
    )
    del options["host_node"]
    inv = inventory(options, tmp_path)
    assert {name: host.hostname for name, host in inv.hosts.items()} == {"switch-1": None, "fw-1": "10.0.9.1"}
    assert inv.hosts["fw-1"].data["infrahub"]["kind"] == "InfraFirewall"
    assert requests_sent == ["GET /api/schema", "POST /graphql/main", "POST /graphql/main"]


def test_branch_and_time_travel(seeded: Seeded, tmp_path: Path) -> None:
    assert sorted(inventory(seeded.options(branch="test-branch"), tmp_path).hosts) == [
        "router-1",
        "router-2",
        "router-4",
        "switch-1",
    ]
    assert sorted(inventory(seeded.options(at=seeded.before_switch), tmp_path).hosts) == [
        "router-1",
        "router-2",
    ]


def test_live_reads_are_never_served_from_the_cache(
    seeded: Seeded, tmp_path: Path, requests_sent: list[str]
) -> None:
    seeded.graphql('mutation { BranchCreate(data: {name: "live-branch"}) { ok } }')
    options = seeded.options(branch="live-branch", cache_ttl=600, cache_dir=str(tmp_path / "cache"))
    assert sorted(inventory(options, tmp_path).hosts) == ["router-1", "router-2", "switch-1"]

    router_2 = seeded.node_id("InfraDevice", "router-2", "live-branch")
    nyc = seeded.node_id("InfraSite", "nyc", "live-branch")
    seeded.graphql(
        f'mutation {{ InfraDeviceUpdate(data: {{id: "{router_2}", site: {{id: "{nyc}"}}}}) {{ ok }} }}',
        "live-branch",
    )
    requests_sent.clear()
    assert [group.name for group in inventory(options, tmp_path).hosts["router-2"].groups] == ["site__nyc"]
    assert requests_sent == ["GET /api/schema", "POST /graphql/live-branch"]
    assert not (tmp_path / "cache").exists()


def test_a_past_snapshot_is_cached_per_branch_identity(
    seeded: Seeded, tmp_path: Path, requests_sent: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "SETTLE", timedelta(0))
    options = seeded.options(
        branch="test-branch",
        at=datetime.now(UTC).isoformat(),
        cache_ttl=600,
        cache_dir=str(tmp_path / "cache"),
    )
    first = inventory(options, tmp_path)
    assert sorted(first.hosts) == ["router-1", "router-2", "router-4", "switch-1"]
    assert requests_sent == ["GET /api/schema", "POST /graphql/test-branch", "POST /graphql/test-branch"]

    requests_sent.clear()
    assert inventory(options, tmp_path).dict() == first.dict()
    assert requests_sent == ["GET /api/schema", "POST /graphql/test-branch"]

    requests_sent.clear()
    earlier = inventory({**options, "branch": "main", "at": seeded.before_switch}, tmp_path)
    assert sorted(earlier.hosts) == ["router-1", "router-2"]
    assert len(requests_sent) == 3
