"""Artefact benchmark: render N device configs (stored query + Jinja2 transform) as artefacts, then
merge a branch that changes one device and regenerate what the merge affected.

    python -m bench.render_artifacts [N]      default 10000

Runs in-process on a SQLite file in a temporary folder: the devices are written with the store's
writer, the repository (schema, query, template, definition) is imported like any repository.
Prints the full render time, the rate, a re-render with nothing changed, and how many artefacts the
one-device merge rendered again.
"""

from __future__ import annotations

import sys
import tempfile
import textwrap
import time
from pathlib import Path

from infrahub_server.api.context import ServerContext
from infrahub_server.app import start_server
from infrahub_server.artifacts import generate_artifacts
from infrahub_server.artifacts.regeneration import regenerate_changed
from infrahub_server.branches import create_branch, merge_branch
from infrahub_server.branches.merge import on_merge
from infrahub_server.middleware.metrics import RequestMetrics
from infrahub_server.nodes import NodeService, edge_ends
from infrahub_server.repositories.sync import sync_repository
from infrahub_server.settings import Settings
from infrahub_server.store import AttributeRecord, Store

REPOSITORY = {
    ".infrahub.yml": """
        schemas: [schema.yml]
        queries: [{name: device_config, file_path: device_config.gql}]
        jinja2_transforms: [{name: device_config, query: device_config, template_path: device.j2}]
        artifact_definitions:
          - {name: startup_config, artifact_name: startup-config, content_type: text/plain,
             targets: bench_devices, transformation: device_config, parameters: {device: name__value}}
        """,
    "schema.yml": """
        version: "1.0"
        nodes:
          - name: Site
            namespace: Bench
            attributes: [{name: name, kind: Text, unique: true}]
          - name: Device
            namespace: Bench
            inherit_from: [CoreArtifactTarget]
            attributes:
              - {name: name, kind: Text, unique: true}
              - {name: asn, kind: Number}
              - {name: loopback, kind: Text}
            relationships:
              - {name: site, peer: BenchSite, cardinality: one, optional: true}
        """,
    "device_config.gql": """
        query device_config($device: String!) {
          BenchDevice(name__value: $device) {
            edges { node { id name { value } asn { value } loopback { value } site { node { id name { value } } } } }
          }
        }
        """,
    "device.j2": """
        {% set device = data.BenchDevice.edges[0].node %}
        hostname {{ device.name.value }}
        interface lo
         ip address {{ device.loopback.value }}/32
        router bgp {{ device.asn.value }}
         bgp router-id {{ device.loopback.value }}
        snmp-server location {{ device.site.node.name.value }}
        """,
}
SITES = 20
BATCH = 5_000


def _write_repository(directory: Path) -> None:
    directory.mkdir()
    for name, text in REPOSITORY.items():
        (directory / name).write_text(textwrap.dedent(text).lstrip())


def _import(server: ServerContext, directory: Path) -> None:
    schema = server.schemas.for_branch_name("main")
    with server.store.change_set("main", actor_id=None) as writer:
        service = NodeService(schema, writer)
        repository = service.create(
            "CoreRepository", {"name": {"value": "bench"}, "location": {"value": str(directory)}}
        )
        service.create("CoreStandardGroup", {"name": {"value": "bench_devices"}})
    result = sync_repository(server, repository, "main")
    if result.status != "in-sync":
        raise RuntimeError(f"the bench repository did not import: {result.message}")


def _build_devices(server: ServerContext, size: int) -> list[str]:
    schema = server.schemas.for_branch_name("main")
    store: Store = server.store
    site_rel = schema.get("BenchDevice").get_relationship("site")
    member_rel = schema.get("CoreStandardGroup").get_relationship("members")
    if site_rel is None or site_rel.identifier is None or member_rel is None or member_rel.identifier is None:
        raise RuntimeError("the bench schema lost a relationship")
    with store.change_set("main", actor_id=None) as writer:
        group = writer.find_node_ids(["CoreStandardGroup"])[0]
        sites = [
            writer.create_node("BenchSite", attributes={"name": AttributeRecord(f"site{i:02d}")})
            for i in range(SITES)
        ]
    devices: list[str] = []
    for start in range(0, size, BATCH):
        with store.change_set("main", actor_id=None) as writer:
            for index in range(start, min(start + BATCH, size)):
                device = writer.create_node(
                    "BenchDevice",
                    attributes={
                        "name": AttributeRecord(f"dev{index:06d}"),
                        "asn": AttributeRecord(65_000 + index % 1_000),
                        "loopback": AttributeRecord(
                            f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"
                        ),
                    },
                )
                writer.add_edge(site_rel.identifier, *edge_ends(site_rel, device, sites[index % SITES]))
                writer.add_edge(member_rel.identifier, *edge_ends(member_rel, group, device))
                devices.append(device)
    return devices


def run(size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        settings = Settings(database_url=f"sqlite:///{workdir / 'bench.db'}", initial_admin_password="bench")
        server = start_server(settings, RequestMetrics())
        try:
            _write_repository(workdir / "repository")
            _import(server, workdir / "repository")
            devices = _build_devices(server, size)

            started, cpu = time.perf_counter(), time.process_time()
            report = generate_artifacts(server, "startup_config", branch="main")
            full, full_cpu = time.perf_counter() - started, time.process_time() - cpu
            started, cpu = time.perf_counter(), time.process_time()
            again = generate_artifacts(server, "startup_config", branch="main")
            unchanged, unchanged_cpu = time.perf_counter() - started, time.process_time() - cpu

            merged: list[frozenset[str]] = []
            on_merge(lambda _store, _branch, changed: merged.append(changed))
            create_branch(server.store, "one-device")
            schema = server.schemas.for_branch_name("one-device")
            with server.store.change_set("one-device", actor_id=None) as writer:
                NodeService(schema, writer).update(
                    "BenchDevice", {"id": devices[size // 2], "asn": {"value": 64999}}
                )
            merge_branch(server.store, "one-device")
            started = time.perf_counter()
            after_merge = regenerate_changed(server, "main", merged[-1])
            regenerate = time.perf_counter() - started
        finally:
            server.store.close()
    print(f"artifacts rendered and stored: {report.created} of {size} devices (failed {report.failed})")
    rate = report.created / full
    print(
        f"full render:                   {full:.2f} s, {full_cpu:.2f} s CPU ({rate:,.0f}/s; target 10k <= 20 s)"
    )
    print(
        f"re-render, nothing changed:    {unchanged:.2f} s, {unchanged_cpu:.2f} s CPU ({again.unchanged} unchanged)"
    )
    rendered = sum(found.rendered for found in after_merge)
    print(
        f"one-device merge:              {len(merged[-1])} changed nodes -> {rendered} artifact(s) regenerated in {regenerate:.2f} s"
    )


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
