"""The official SDK's pool reports (`get_pool_allocated_resources`, `get_pool_resources_utilization`)
against a real server subprocess."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cached_venv import cached_venv
from live_server import LiveServer, running_server

pytestmark = [pytest.mark.compat, pytest.mark.e2e]

OFFICIAL_SDK = ("infrahub-sdk[ctl]==1.23.2", "nornir-infrahub==1.2.0")
"""The same packages as `tests/compat`, so both share one cached virtualenv."""

SCENARIO = """\
from infrahub_sdk import InfrahubClientSync

SCHEMA = {
    "version": "1.0",
    "nodes": [
        {"name": "IPPrefix", "namespace": "Lab", "inherit_from": ["BuiltinIPPrefix"]},
        {"name": "IPAddress", "namespace": "Lab", "inherit_from": ["BuiltinIPAddress"]},
    ],
}

client = InfrahubClientSync()
client.schema.load(schemas=[SCHEMA], wait_until_converged=True)
namespace = client.get(kind="IpamNamespace", name__value="default")
loopbacks = client.create(kind="LabIPPrefix", prefix="10.255.0.0/29", member_type="address", ip_namespace=namespace)
loopbacks.save()
pool = client.create(
    kind="CoreIPAddressPool", name="loopbacks", default_address_type="LabIPAddress",
    default_prefix_length=32, resources=[loopbacks], ip_namespace=namespace,
)
pool.save()
first = client.allocate_next_ip_address(resource_pool=pool, identifier="leaf1-lo")
second = client.allocate_next_ip_address(resource_pool=pool, identifier="leaf2-lo")

allocated = pool.get_pool_allocated_resources(resource=loopbacks)
assert sorted(node.id for node in allocated) == sorted([first.id, second.id]), allocated
assert {str(node.address.value) for node in allocated} == {"10.255.0.1/32", "10.255.0.2/32"}

utilization = pool.get_pool_resources_utilization()
assert len(utilization) == 1, utilization
assert utilization[0]["id"] == loopbacks.id, utilization
assert abs(utilization[0]["utilization"] - 100 * 2 / 6) < 1e-3, utilization
assert utilization[0]["utilization_branches"] == 0, utilization
print("scenario passed")
"""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_server(tmp_path_factory.mktemp("server")) as server:
        yield server


def test_official_sdk_reads_pool_reports(live_server: LiveServer, tmp_path: Path) -> None:
    venv = cached_venv("official-clients", OFFICIAL_SDK)
    script = tmp_path / "scenario.py"
    script.write_text(SCENARIO)

    result = subprocess.run(
        [str(venv / "bin" / "python"), str(script)],
        env=live_server.env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "scenario passed" in result.stdout
