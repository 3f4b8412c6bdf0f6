"""SDK listing benchmark (issue #10): `client.all()` of N devices, page by page and in parallel.

    python -m bench.sdk_all [devices]        # default 10000

Starts a server, loads the benchmark network (`bench.dataset`), then times `all(kind="BenchDevice")`
with the sync and the async client: default pagination (pages fetched one after the other) and
`parallel=True` (the count first, then every page at once), with the default page size and with
pages of 1,000. Prints seconds, nodes and requests per run. Every run is cold: the SDK keeps nothing
between runs but its schema cache.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench import dataset
from bench._server import running_server
from bench.nornir_inventory import counted_requests
from infrahub_sdk import Config, InfrahubClient, InfrahubClientSync

KIND = "BenchDevice"


def sync_run(config: Config, parallel: bool) -> tuple[float, int, int]:
    client = InfrahubClientSync(config=config)
    client.schema.get(kind=KIND)
    with counted_requests() as sent:
        started = time.perf_counter()
        nodes = client.all(kind=KIND, parallel=parallel)
        elapsed = time.perf_counter() - started
    return elapsed, len(nodes), len(sent)


def async_run(config: Config, parallel: bool) -> tuple[float, int]:
    async def run() -> tuple[float, int]:
        client = InfrahubClient(config=config)
        await client.schema.get(kind=KIND)
        started = time.perf_counter()
        nodes = await client.all(kind=KIND, parallel=parallel)
        return time.perf_counter() - started, len(nodes)

    return asyncio.run(run())


def main(devices: int) -> None:
    with tempfile.TemporaryDirectory() as workdir, running_server(Path(workdir)) as server:
        with httpx.Client(base_url=server.address, headers={"X-INFRAHUB-KEY": server.token}) as http:
            started = time.perf_counter()
            dataset.load(http, devices)
            print(f"dataset: {devices} devices loaded in {time.perf_counter() - started:.1f} s")
        print(f"{'client':<7} {'page size':>9} {'mode':<10} {'seconds':>8} {'nodes':>6} {'requests':>8}")
        for page_size in (None, 1000):
            extra = {} if page_size is None else {"pagination_size": page_size}
            config = Config(address=server.address, api_token=server.token, **extra)
            label = str(config.pagination_size)
            for parallel in (False, True):
                mode = "parallel" if parallel else "sequential"
                elapsed, nodes, requests = sync_run(config, parallel)
                print(f"{'sync':<7} {label:>9} {mode:<10} {elapsed:8.3f} {nodes:6d} {requests:8d}")
                elapsed, nodes = async_run(config, parallel)
                print(f"{'async':<7} {label:>9} {mode:<10} {elapsed:8.3f} {nodes:6d} {'':>8}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
