"""Permission enforcement overhead (issue #12): p50 of a single-object read and of a list query,
run with and without enforcement on the same database and the same process.

    python -m bench.permission_overhead [devices]      # default 10000 devices

The data is loaded through a real server; the measurements then run in-process
(`execute_graphql_sync`, no HTTP), so the overhead is not diluted by transport costs. "With
enforcement" is what a request pays: resolving the caller's permissions (a version check, the
full resolution only after a change), the operation gate and the `permissions` report. The caller
is a General Access account, so no super-admin shortcut applies. Target: at most +10% at p50.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench import dataset
from bench._server import running_server
from bench.server_api import GET_BY_HFID, LIST_ALL
from infrahub_server.api.context import ServerContext
from infrahub_server.app import start_server
from infrahub_server.graphql import GraphQLContext, execute_graphql_sync
from infrahub_server.middleware.metrics import RequestMetrics
from infrahub_server.settings import Settings


def _add_general_access_account(client: httpx.Client) -> str:
    def run(query: str) -> dict:
        body = client.post("/graphql/main", json={"query": query}).json()
        if body.get("errors"):
            raise RuntimeError(body["errors"][0]["message"])
        return dict(body["data"])

    account = run(
        'mutation { CoreAccountCreate(data: {name: {value: "bench-user"}, password: {value: "bench-pw"}})'
        " { object { id } } }"
    )["CoreAccountCreate"]["object"]["id"]
    role = run('{ CoreAccountRole(name__value: "General Access") { edges { node { id } } } }')
    role_id = role["CoreAccountRole"]["edges"][0]["node"]["id"]
    run(
        f'mutation {{ CoreAccountGroupCreate(data: {{name: {{value: "bench"}}, roles: [{{id: "{role_id}"}}],'
        f' members: [{{id: "{account}"}}]}}) {{ ok }} }}'
    )
    return str(account)


def _p50(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _measure(server: ServerContext, account_id: str, query: str, rounds: int) -> tuple[float, float]:
    """p50 in ms without and with enforcement, rounds interleaved so drift hits both alike."""
    schema = server.schemas.for_branch_name("main")

    def run(enforce: bool) -> float:
        started = time.perf_counter()
        permissions = server.permissions.for_account(account_id) if enforce else None
        context = GraphQLContext(
            store=server.store, branch="main", schema=schema, account_id=account_id, permissions=permissions
        )
        status, body = execute_graphql_sync(context, query, {"offset": 0, "limit": 50}, None)
        elapsed = time.perf_counter() - started
        if status != 200 or b'"errors"' in body:
            raise RuntimeError(body[:300].decode())
        return elapsed

    for _ in range(max(3, rounds // 10)):
        run(True), run(False)
    without: list[float] = []
    with_: list[float] = []
    for index in range(rounds):
        # ABBA order: neither side always runs right after the other.
        first, second = (False, True) if index % 2 else (True, False)
        for enforce in (first, second):
            (with_ if enforce else without).append(run(enforce))
    return _p50(without), _p50(with_)


def _report(label: str, figures: tuple[float, float]) -> None:
    without, with_ = figures
    print(
        f"{label}: p50 without {without:.2f} ms, with {with_:.2f} ms, overhead {100 * (with_ / without - 1):+.1f}%"
    )


def main(devices: int) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        database_url = f"sqlite:///{Path(workdir) / 'bench.db'}"
        with (
            running_server(Path(workdir), database_url) as running,
            httpx.Client(base_url=running.address, headers={"X-INFRAHUB-KEY": running.token}) as client,
        ):
            dataset.load(client, devices)
            account_id = _add_general_access_account(client)
        server = start_server(Settings(database_url=database_url), RequestMetrics())
        try:
            _report(
                "single device by HFID (3 relationships)",
                _measure(server, account_id, GET_BY_HFID % f"dev{devices // 2:06d}", 2000),
            )
            rounds = 7 if devices >= 5_000 else 25
            _report(f"list {devices} devices", _measure(server, account_id, LIST_ALL, rounds))
        finally:
            server.store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
