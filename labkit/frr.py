"""One FRR instance per namespace: start its daemons, push a configuration, read its BGP state."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from labkit.errors import LabError
from labkit.prerequisites import FRR_DAEMONS, FRR_DIR
from labkit.system import alive, read_pid_file, run, wait_for

CONFIG_ROOT = Path("/etc/frr")
RUN_ROOT = Path("/var/run/frr")


def config_dir(pathspace: str) -> Path:
    return CONFIG_ROOT / pathspace


def run_dir(pathspace: str) -> Path:
    return RUN_ROOT / pathspace


def prepare(pathspace: str, hostname: str) -> None:
    """Empty configuration directories owned by `frr`; vtysh.conf carries the hostname (it prints its own)."""
    for directory in (config_dir(pathspace), run_dir(pathspace)):
        directory.mkdir(parents=True, exist_ok=True)
        shutil.chown(directory, "frr", "frr")
        directory.chmod(0o755)
    vtysh_conf = config_dir(pathspace) / "vtysh.conf"
    vtysh_conf.write_text(f"service integrated-vtysh-config\nhostname {hostname}\n")
    frr_conf = config_dir(pathspace) / "frr.conf"
    frr_conf.write_text(f"hostname {hostname}\n")
    shutil.chown(frr_conf, "frr", "frr")
    frr_conf.chmod(0o640)


def start_daemon(namespace: str, hostname: str, daemon: str) -> None:
    """Starts `daemon` inside `namespace`, in a UTS namespace of its own named `hostname` (FRR 8.4 reads
    the hostname from uname), with the pathspace of the same name as the namespace."""
    arguments = [
        str(FRR_DIR / daemon),
        "-d",
        "-N",
        namespace,
        "-F",
        "traditional",
        "-A",
        "127.0.0.1",
        "--log",
        f"file:{run_dir(namespace) / daemon}.log",
    ]
    if daemon == "zebra":
        arguments += ["-s", "90000000"]
    script = 'hostname "$1" && shift && exec "$@"'
    run(
        [
            "ip",
            "netns",
            "exec",
            namespace,
            "unshare",
            "--uts",
            "--",
            "sh",
            "-c",
            script,
            "sh",
            hostname,
            *arguments,
        ]
    )


def start_router(namespace: str, hostname: str, *, timeout: float = 30) -> dict[str, int]:
    """zebra first (the others connect to its zserv socket), then the rest; returns pid per daemon once
    vtysh answers."""
    prepare(namespace, hostname)
    start_daemon(namespace, hostname, "zebra")
    wait_for(f"zebra of {namespace}", (run_dir(namespace) / "zserv.api").exists, timeout=timeout)
    for daemon in FRR_DAEMONS:
        if daemon != "zebra":
            start_daemon(namespace, hostname, daemon)
    wait_for(f"vtysh of {namespace}", lambda: _answers(namespace), timeout=timeout, interval=0.1)
    return daemon_pids(namespace)


def daemon_pids(pathspace: str) -> dict[str, int]:
    """Pid per running daemon, from the pid files of the pathspace."""
    pids = {}
    for daemon in FRR_DAEMONS:
        pid = read_pid_file(run_dir(pathspace) / f"{daemon}.pid")
        if pid is not None and alive(pid):
            pids[daemon] = pid
    return pids


def _answers(pathspace: str) -> bool:
    if not all((run_dir(pathspace) / f"{daemon}.vty").exists() for daemon in FRR_DAEMONS):
        return False
    result = subprocess.run(
        ["vtysh", "-N", pathspace, "-c", "show version"], capture_output=True, text=True, check=False
    )
    return result.returncode == 0


def vtysh(pathspace: str, *commands: str, timeout: float = 30) -> str:
    arguments = ["vtysh", "-N", pathspace]
    for command in commands:
        arguments += ["-c", command]
    return run(arguments, timeout=timeout)


def push_config(pathspace: str, text: str, *, timeout: float = 60) -> str:
    """Replaces the running configuration with `text` (frr-reload.py: checks the whole file first, applies
    only the difference, then writes it); returns what frr-reload applied."""
    with _config_file(text) as path:
        return run(
            [str(FRR_DIR / "frr-reload.py"), "--pathspace", pathspace, "--reload", "--stdout", path],
            timeout=timeout,
        )


def config_diff(pathspace: str, text: str, *, timeout: float = 60) -> str:
    """The lines frr-reload.py would change to make the running configuration `text`; empty when in sync."""
    with _config_file(text) as path:
        output = run(
            [str(FRR_DIR / "frr-reload.py"), "--pathspace", pathspace, "--test", path], timeout=timeout
        )
    return output.strip()


def bgp_summary(pathspace: str) -> dict[str, Any]:
    """FRR's own `show bgp summary json`: per address family, `peers` keyed by neighbor address."""
    output = vtysh(pathspace, "show bgp summary json")
    try:
        summary: dict[str, Any] = json.loads(output)
    except ValueError as exc:
        raise LabError(f"{pathspace}: `show bgp summary json` did not print JSON: {output[:200]}") from exc
    return summary


def installed_routes(pathspace: str) -> set[str]:
    """Prefixes with a selected route installed in the kernel, from `show ip route json`."""
    output = vtysh(pathspace, "show ip route json")
    try:
        table: dict[str, list[dict[str, Any]]] = json.loads(output)
    except ValueError as exc:
        raise LabError(f"{pathspace}: `show ip route json` did not print JSON: {output[:200]}") from exc
    return {
        prefix
        for prefix, entries in table.items()
        if any(entry.get("selected") and entry.get("installed") for entry in entries)
    }


def peer_states(summary: dict[str, Any]) -> dict[str, str]:
    """Neighbor address -> BGP state, over every address family of a `show bgp summary json`."""
    states = {}
    for family in summary.values():
        if isinstance(family, dict):
            for address, peer in family.get("peers", {}).items():
                states[address] = peer.get("state", "")
    return states


@contextmanager
def _config_file(text: str) -> Iterator[str]:
    """`text` in a temporary file for frr-reload.py; removed afterwards."""
    descriptor, path = tempfile.mkstemp(prefix="labkit-", suffix=".conf")
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
        yield path
    finally:
        Path(path).unlink(missing_ok=True)
