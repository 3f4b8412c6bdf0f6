"""`infrahub-lab up|push|verify|status|down` (also `python -m labkit`): a lab of FRR routers built
from the source of truth, configs pushed (replace) and BGP verified from FRR's own JSON."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from infrahub_sdk import Config, InfrahubClientSync
from labkit.errors import LabError, PrerequisiteError
from labkit.lab import Lab, RouterStatus
from labkit.names import DEFAULT_PREFIX
from labkit.prerequisites import missing_prerequisites, require_prerequisites
from labkit.state import DEFAULT_STATE_ROOT, LabState
from labkit.topology import read_topology

EXIT_FAILED = 1
EXIT_PREREQUISITE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="infrahub-lab", description=__doc__)
    parser.add_argument("command", choices=["up", "push", "verify", "status", "down"])
    parser.add_argument(
        "--address", default=os.environ.get("INFRAHUB_ADDRESS", "http://localhost:8000"), help="server URL"
    )
    parser.add_argument("--branch", default="main", help="branch the topology is read from")
    parser.add_argument("--token", default=os.environ.get("INFRAHUB_API_TOKEN"), help="API token")
    parser.add_argument(
        "--platform", action="append", help="device platform to build routers for (repeatable; default frr)"
    )
    parser.add_argument("--prefix", default=DEFAULT_PREFIX, help="prefix of every name the lab creates")
    parser.add_argument("--state-dir", type=Path, default=DEFAULT_STATE_ROOT, help="where state files live")
    parser.add_argument("--no-ssh", action="store_true", help="start no sshd in the routers")
    parser.add_argument(
        "--configs", type=Path, help="push: a folder of <device>.conf files (one per router) to replace with"
    )
    parser.add_argument(
        "--timeout", type=float, default=60, help="verify: seconds to wait for BGP and routes"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if arguments.verbose else logging.WARNING, format="%(message)s")
    try:
        lab = Lab(arguments.prefix, arguments.state_dir, ssh=not arguments.no_ssh)
        if arguments.command == "up":
            return _up(lab, arguments)
        if arguments.command == "push":
            return _push(lab, arguments.configs)
        if arguments.command == "verify":
            return _verify(lab, arguments.timeout)
        if arguments.command == "down":
            return _down(lab)
        return _status(lab)
    except PrerequisiteError as exc:
        print(f"infrahub-lab: {exc}", file=sys.stderr)
        return EXIT_PREREQUISITE
    except LabError as exc:
        print(f"infrahub-lab: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _up(lab: Lab, arguments: argparse.Namespace) -> int:
    require_prerequisites(ssh=lab.ssh)
    config = Config(address=arguments.address, api_token=arguments.token, default_branch=arguments.branch)
    with InfrahubClientSync(config=config) as client:
        topology = read_topology(client, arguments.branch, arguments.platform or ["frr"])
    state = lab.up(topology)
    _print_state(state)
    return 0


def _print_state(state: LabState) -> None:
    print(f"lab {state.prefix!r}: {len(state.routers)} routers, state in {state.directory}")
    if state.bridge:
        print(f"management bridge {state.bridge} {state.bridge_address}")
    if state.ssh_key:
        print(f"ssh -i {state.ssh_key} {state.ssh_user}@<management address>  (lands in vtysh)")
    for record in state.routers:
        renamed = ", ".join(f"{data}->{linux}" for data, linux in record.interface_map.items())
        print(
            f"  {record.name:24} netns {record.namespace:28} mgmt {record.management_address or '-':16}"
            + (f" renamed {renamed}" if renamed else "")
        )


def _push(lab: Lab, configs: Path | None) -> int:
    """Replace each router's configuration with `<configs>/<device>.conf` (frr-reload.py)."""
    _require_root()
    if configs is None or not configs.is_dir():
        raise LabError("push needs --configs FOLDER holding one <device>.conf per router")
    state = lab.state()
    routers = [record.name for record in state.routers] if state else []
    if not routers:
        raise LabError(f"no lab with prefix {lab.prefix!r} is up: run `infrahub-lab up` first")
    missing = [device for device in routers if not (configs / f"{device}.conf").is_file()]
    if missing:
        raise LabError(f"no config in {configs} for {', '.join(missing)}")
    for device in routers:
        lab.push_config(device, (configs / f"{device}.conf").read_text(encoding="utf-8"))
        print(f"pushed {device}")
    return 0


def _verify(lab: Lab, timeout: float) -> int:
    """Every expected BGP session Established and every loopback answering, from every router."""
    _require_root()
    try:
        sessions = lab.wait_established(timeout=timeout)
        lab.wait_routes(timeout=timeout)
    except LabError as exc:
        print(f"verify failed: {exc}")
        return EXIT_FAILED
    unreachable = lab.unreachable_loopbacks()
    for source, target in unreachable:
        print(f"verify failed: {target} does not answer from {source}")
    established = sum(len(peers) for peers in sessions.values())
    print(
        f"{len(sessions)} routers, {established} BGP sessions Established, loopbacks reachable: {not unreachable}"
    )
    return EXIT_FAILED if unreachable else 0


def _down(lab: Lab) -> int:
    _require_root()
    cleanup = lab.down()
    print(
        f"removed {len(cleanup.namespaces)} namespaces, {len(cleanup.links)} host links, "
        f"{len(cleanup.pids)} processes, {len(cleanup.directories)} directories"
    )
    return 0


def _status(lab: Lab) -> int:
    _require_root()
    routers = lab.status()
    if not routers:
        print(f"no lab with prefix {lab.prefix!r} is up")
        return 0
    for router in routers:
        print(_status_line(router))
    return 0 if all(router.healthy for router in routers) else EXIT_FAILED


def _status_line(router: RouterStatus) -> str:
    daemons = " ".join(f"{name}:{'up' if up else 'DOWN'}" for name, up in router.daemons.items())
    sshd = "-" if router.sshd is None else ("up" if router.sshd else "DOWN")
    namespace = router.namespace if router.namespace_exists else f"{router.namespace} (MISSING)"
    return (
        f"{router.name:24} {namespace:30} {daemons} sshd:{sshd} "
        f"bgp {router.established}/{router.peers} established (expected {router.expected_peers})"
    )


def _require_root() -> None:
    """`down` and `status` need root but not FRR: they must work to clean up after FRR is removed."""
    if os.geteuid() != 0:
        raise PrerequisiteError(f"cannot run the lab: {missing_prerequisites(ssh=False)[0]}")
