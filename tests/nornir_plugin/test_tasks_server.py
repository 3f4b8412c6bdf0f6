"""nornir-infrahub's tasks and our render / record tasks against a real server: `generators/` imported
as a repository (schema, objects, stored queries, transforms, artefact definitions), the fabric
generator run, and Nornir loaded through our inventory."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nornir import InitNornir
from nornir.core import Nornir
from nornir.core.task import AggregatedResult, Result, Task
from rich.console import Console

from infrahub_sdk import Config, InfrahubClientSync
from nornir_plugin.tasks import (
    COMPLIANCE_KIND,
    diff_config,
    download_file_object,
    generate_artifacts,
    get_artifact,
    get_client,
    record_compliance,
    regenerate_host_artifact,
    render_config,
    run_with_progress,
    upload_file_object,
)
from nornir_plugin.tasks.verify import VERIFICATION
from tests.live_server import LiveServer, running_server

pytestmark = pytest.mark.e2e

GENERATORS = Path(__file__).resolve().parents[2] / "generators"
INFRAHUBCTL = Path(sys.executable).parent / "infrahubctl"
ROUTERS = ["dc1-leaf1", "dc1-leaf2", "dc1-leaf3", "dc1-leaf4", "dc1-spine1", "dc1-spine2"]
BACKUP_SCHEMA = {
    "version": "1.0",
    "nodes": [
        {
            "name": "ConfigBackup",
            "namespace": "Lab",
            "inherit_from": ["CoreFileObject"],
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
        }
    ],
}


def client_of(server: LiveServer) -> InfrahubClientSync:
    return InfrahubClientSync(config=Config(address=server.address, api_token=server.token))


def wait_for(what: str, check: Any, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} not seen within {timeout} s")


@pytest.fixture(scope="module")
def fabric(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Path]]:
    """A server with `generators/` imported as a read-only repository and the fabric built (6 routers)."""
    workdir = tmp_path_factory.mktemp("nornir-tasks")
    repository = workdir / "network"
    shutil.copytree(GENERATORS, repository, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    with running_server(workdir) as server, client_of(server) as client:
        client.create(kind="CoreReadOnlyRepository", name="network", location=str(repository)).save()
        wait_for(
            "the repository's transform",
            lambda: client.filters(kind="CoreTransformJinja2", name__value="frr_config"),
        )
        client.schema.load(schemas=[BACKUP_SCHEMA], wait_until_converged=True)
        generated = subprocess.run(
            [str(INFRAHUBCTL), "generator", "fabric", "name=dc1"],
            cwd=repository,
            env=server.env(HOME=str(workdir)),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert generated.returncode == 0, generated.stdout + generated.stderr
        yield server, repository


def nornir(server: LiveServer, branch: str = "main") -> Nornir:
    return InitNornir(
        runner={"plugin": "threaded", "options": {"num_workers": 6}},
        logging={"enabled": False},
        inventory={
            "plugin": "InfrahubInventory",
            "options": {
                "address": server.address,
                "token": server.token,
                "branch": branch,
                "host_node": {"kind": "NetDevice"},
            },
        },
    )


def results(aggregated: AggregatedResult) -> dict[str, Any]:
    return {host: multi[0].result for host, multi in sorted(aggregated.items())}


def test_render_config_from_the_servers_transform_the_artifact_and_a_local_template_agree(
    fabric: tuple[LiveServer, Path],
) -> None:
    server, repository = fabric
    nr = nornir(server)
    generated = nr.filter(name="dc1-leaf1").run(task=generate_artifacts, artifact="frr.conf")
    assert not generated.failed
    with client_of(server) as client:
        wait_for("6 artefacts", lambda: len(client.all(kind="CoreArtifact")) >= 6)

    on_server = nr.run(task=render_config, transform="frr_config")
    from_artifact = nr.run(task=render_config, artifact="frr.conf")
    local = nr.run(task=render_config, repository=str(repository), transform="frr_config")

    assert sorted(on_server) == ROUTERS
    assert results(on_server) == results(from_artifact) == results(local)
    leaf1 = str(on_server["dc1-leaf1"][0].result)
    assert leaf1.startswith("hostname dc1-leaf1\n")
    assert "router bgp 65101\n" in leaf1
    assert nr.inventory.hosts["dc1-leaf1"].data["intended_config"] == leaf1
    assert on_server["dc1-leaf1"][0].source == "transform frr_config on branch main"
    assert local["dc1-leaf1"][0].source == (
        f"template templates/frr.j2 of {repository} with stored query device_config on branch main"
    )


def test_render_config_reads_the_branch_it_is_given(fabric: tuple[LiveServer, Path]) -> None:
    server, _ = fabric
    with client_of(server) as client:
        client.branch.create(branch_name="leaf1-asn")
        device = client.get(kind="NetDevice", name__value="dc1-leaf1", branch="leaf1-asn")
        device.asn.value = 65201
        device.save()
    nr = nornir(server).filter(name="dc1-leaf1")

    main = nr.run(task=render_config, transform="frr_config")
    branch = nr.run(task=render_config, transform="frr_config", branch="leaf1-asn")
    inventory_on_branch = (
        nornir(server, "leaf1-asn").filter(name="dc1-leaf1").run(task=render_config, transform="frr_config")
    )

    assert "router bgp 65101\n" in str(main["dc1-leaf1"][0].result)
    assert "router bgp 65201\n" in str(branch["dc1-leaf1"][0].result)
    assert results(inventory_on_branch) == results(branch)


def test_get_artifact_by_name_and_id_and_regenerate_it(fabric: tuple[LiveServer, Path]) -> None:
    server, _ = fabric
    nr = nornir(server).filter(name="dc1-spine1")
    nr.run(task=generate_artifacts, artifact="frr.conf")
    with client_of(server) as client:
        device = client.get(kind="NetDevice", name__value="dc1-spine1")
        artifact = wait_for(
            "the spine's artefact",
            lambda: client.filters(kind="CoreArtifact", name__value="frr.conf", object__ids=[device.id]),
        )[0]

    by_name = nr.run(task=get_artifact, artifact="frr.conf")["dc1-spine1"][0]
    by_id = nr.run(task=get_artifact, artifact_id=artifact.id)["dc1-spine1"][0]
    regenerated = nr.run(task=regenerate_host_artifact, artifact="frr.conf")["dc1-spine1"][0]

    assert by_name.result.startswith("hostname dc1-spine1\n")
    assert by_name.content_type == "text/plain"
    assert by_id.result == by_name.result
    assert (regenerated.failed, regenerated.changed) == (False, True)


def test_failures_name_the_host_the_task_and_the_reason(fabric: tuple[LiveServer, Path]) -> None:
    server, _ = fabric
    nr = nornir(server).filter(name="dc1-leaf2")

    unknown_transform = nr.run(task=render_config, transform="no_such_transform", on_failed=True)
    unknown_artifact = nr.run(task=get_artifact, artifact="no-such.conf", on_failed=True)
    nothing_rendered = nornir(server).filter(name="dc1-leaf2").run(task=diff_config, on_failed=True)
    nothing_to_record = nr.run(task=record_compliance, on_failed=True)

    assert unknown_transform.failed_hosts.keys() == {"dc1-leaf2"}

    assert str(unknown_transform["dc1-leaf2"][0].result).startswith(
        "dc1-leaf2: render_config failed: the server's transform 'no_such_transform' answered 404"
    )
    assert unknown_artifact["dc1-leaf2"].failed
    assert str(unknown_artifact["dc1-leaf2"][0].result).startswith(
        "dc1-leaf2: get_artifact failed: artifact 'no-such.conf': "
    )
    assert nothing_rendered["dc1-leaf2"][0].result == (
        "dc1-leaf2: diff_config failed: no intended configuration: run render_config first, or pass `config`"
    )
    assert nothing_to_record["dc1-leaf2"][0].result == (
        "dc1-leaf2: record_compliance failed: nothing to record: run diff_config, push_config or verify first"
    )


def compliance(server: LiveServer) -> dict[str, tuple[str, bool | None, str | None]]:
    with client_of(server) as client:
        return {
            node.name.value: (node.status.value, node.verified.value, node.problems.value)
            for node in client.all(kind=COMPLIANCE_KIND)
        }


def test_record_compliance_keeps_one_record_per_device_and_rewrites_it(
    fabric: tuple[LiveServer, Path],
) -> None:
    server, _ = fabric
    nr = nornir(server).filter(filter_func=lambda host: host.name in {"dc1-leaf3", "dc1-leaf4"})
    for host in nr.inventory.hosts.values():
        host.data[VERIFICATION] = {"passed": False, "problems": ["BGP neighbor 10.0.0.4 is Active"]}
    first = nr.run(task=record_compliance)
    after_first = compliance(server)
    for host in nr.inventory.hosts.values():
        host.data[VERIFICATION] = {"passed": True, "problems": []}
    nr.run(task=record_compliance)

    assert not first.failed
    assert first["dc1-leaf3"][0].result["status"] == "non_compliant"
    assert {name: after_first[name] for name in ("dc1-leaf3", "dc1-leaf4")} == {
        "dc1-leaf3": ("non_compliant", False, "BGP neighbor 10.0.0.4 is Active"),
        "dc1-leaf4": ("non_compliant", False, "BGP neighbor 10.0.0.4 is Active"),
    }
    final = compliance(server)
    assert {name: final[name] for name in ("dc1-leaf3", "dc1-leaf4")} == {
        "dc1-leaf3": ("compliant", True, None),
        "dc1-leaf4": ("compliant", True, None),
    }
    with client_of(server) as client:
        device = client.get(kind="NetDevice", name__value="dc1-leaf3")
        record = client.get(kind=COMPLIANCE_KIND, name__value="dc1-leaf3")
        assert record.device.id == device.id


def test_upload_skips_an_unchanged_file_and_download_returns_it(
    fabric: tuple[LiveServer, Path], tmp_path: Path
) -> None:
    server, _ = fabric
    nr = nornir(server).filter(name="dc1-leaf1")
    content = "hostname dc1-leaf1\n"

    created = nr.run(
        task=upload_file_object,
        kind="LabConfigBackup",
        content=content,
        file_name="leaf1.conf",
        data={"name": "leaf1"},
    )["dc1-leaf1"][0]
    object_id = created.result["object_id"]
    same = nr.run(
        task=upload_file_object,
        kind="LabConfigBackup",
        content=content,
        file_name="leaf1.conf",
        object_id=object_id,
    )["dc1-leaf1"][0]
    downloaded = nr.run(
        task=download_file_object, kind="LabConfigBackup", hfid=["leaf1"], save_to=str(tmp_path / "copy.conf")
    )["dc1-leaf1"][0]

    checksum = hashlib.sha1(content.encode(), usedforsecurity=False).hexdigest()
    assert (created.failed, created.changed, created.result["checksum"]) == (False, True, checksum)
    assert (same.failed, same.changed, same.result) == (
        False,
        False,
        {"object_id": object_id, "checksum": checksum, "uploaded": False},
    )
    assert downloaded.result["text"] == content
    assert {key: downloaded.result[key] for key in ("file_name", "file_size", "checksum", "object_id")} == {
        "file_name": "leaf1.conf",
        "file_size": len(content),
        "checksum": checksum,
        "object_id": object_id,
    }
    assert (tmp_path / "copy.conf").read_text() == content


def test_get_client_is_configured_like_the_inventory(fabric: tuple[LiveServer, Path]) -> None:
    server, _ = fabric

    def branch_of_client(task: Task) -> Result:
        with get_client(task) as client:
            return Result(host=task.host, result=(client.address, client.default_branch))

    seen = nornir(server, "leaf1-asn").run(task=branch_of_client)

    assert set(results(seen).values()) == {(server.address, "leaf1-asn")}


def test_run_with_progress_draws_one_step_per_host(fabric: tuple[LiveServer, Path]) -> None:
    server, _ = fabric
    output = io.StringIO()

    result = run_with_progress(
        nornir(server), render_config, console=Console(file=output, width=100), transform="frr_config"
    )

    assert not result.failed
    assert "render_config" in output.getvalue()
    assert "6/6" in output.getvalue()
    assert "0 failed" in output.getvalue()
