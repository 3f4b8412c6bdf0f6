"""Nornir inventory benchmark (issue #5): our `InfrahubInventory` loading N devices end to end.

    python -m bench.nornir_inventory [devices]        # default 10000

Starts a server, loads the benchmark network (`bench.dataset`: site, role, platform, primary
address and 4 interfaces per device), then times `InitNornir` with our plugin (schema fetch, one
query per host kind, hosts and groups built) and counts the HTTP requests it sent. Every run is
cold: the plugin caches only snapshots pinned in the past (`at`), never live reads.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from nornir import InitNornir

from bench import dataset
from bench._server import running_server

MAPPINGS = {
    "host_node": {"kind": "BenchDevice"},
    "schema_mappings": [
        {"name": "hostname", "mapping": "primary_address.address"},
        {"name": "platform", "mapping": "platform.nornir_platform"},
    ],
    "group_mappings": ["site.name", "role"],
    "data_mappings": {"interfaces": "interfaces.name", "asn": "asn"},
}


@contextmanager
def counted_requests() -> Iterator[list[str]]:
    """Every request any httpx client sends in this process, as `METHOD path (milliseconds)`."""
    sent: list[str] = []
    original = httpx.Client.send

    def send(client: httpx.Client, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        started = time.perf_counter()
        response = original(client, request, **kwargs)
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        sent.append(
            f"{request.method} {request.url.path} ({elapsed:.0f} ms, {len(response.content) / 1e6:.1f} MB)"
        )
        return response

    setattr(httpx.Client, "send", send)  # noqa: B010 - a class attribute swapped for the run
    try:
        yield sent
    finally:
        setattr(httpx.Client, "send", original)  # noqa: B010


def load_inventory(options: dict[str, Any]) -> tuple[float, int, list[str]]:
    with counted_requests() as sent:
        started = time.perf_counter()
        nornir = InitNornir(
            runner={"plugin": "serial"},
            logging={"enabled": False},
            inventory={"plugin": "InfrahubInventory", "options": options},
        )
        elapsed = time.perf_counter() - started
    return elapsed, len(nornir.inventory.hosts), sent


def main(devices: int) -> None:
    with tempfile.TemporaryDirectory() as workdir, running_server(Path(workdir)) as server:
        headers = {"X-INFRAHUB-KEY": server.token}
        with httpx.Client(base_url=server.address, headers=headers) as client:
            started = time.perf_counter()
            dataset.load(client, devices)
            print(f"dataset: {devices} devices loaded in {time.perf_counter() - started:.1f} s")
            options = {**MAPPINGS, "address": server.address, "token": server.token}
            print(f"{'run':<28} {'seconds':>8} {'hosts':>6}  requests")
            timings = []
            for run in range(3):
                elapsed, hosts, sent = load_inventory(options)
                timings.append(elapsed)
                print(f"{f'cold {run + 1}':<28} {elapsed:8.3f} {hosts:6d}  {len(sent)}: {', '.join(sent)}")
            print(f"cold median {statistics.median(timings):.3f} s, best {min(timings):.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
