"""`frr_vtysh`: a Nornir connection to an FRRouting instance on this machine, through `vtysh -N` and
`frr-reload.py --pathspace`.

The lab's routers are FRR instances in network namespaces of this machine (see docs/lab.md). Their
SSH sessions land in vtysh, which can read and merge but cannot replace a whole configuration:
replace is `frr-reload.py`, which has to run where the FRR sockets are. So the connection runs the
FRR tools locally, addressed by pathspace.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from nornir.core.configuration import Config

from labkit import Lab
from labkit.state import DEFAULT_STATE_ROOT

CONNECTION_NAME = "frr_vtysh"
FRR_RELOAD = Path("/usr/lib/frr/frr-reload.py")
COMMAND_TIMEOUT = 60.0


class FrrCommandError(Exception):
    """An FRR tool refused: the command, its exit code and what it printed."""

    def __init__(self, pathspace: str, command: list[str], returncode: int, output: str) -> None:
        self.pathspace = pathspace
        self.returncode = returncode
        self.output = output
        super().__init__(
            f"{pathspace}: {Path(command[0]).name} exited with {returncode}: {_what_went_wrong(output)}"
        )


class FrrVtysh:
    """Nornir connection plugin; `host.get_connection("frr_vtysh", ...)` returns the plugin itself.

    The pathspace comes from the connection's extras: `pathspace`, or `lab_prefix` (and optionally
    `lab_state_root`) to find the lab router whose management address or name is the host's
    `hostname`.
    """

    def __init__(self) -> None:
        self.pathspace = ""

    @property
    def connection(self) -> FrrVtysh:
        return self

    def open(
        self,
        hostname: str | None,
        username: str | None,
        password: str | None,
        port: int | None,
        platform: str | None,
        extras: dict[str, Any] | None = None,
        configuration: Config | None = None,
    ) -> None:
        options = extras or {}
        if options.get("pathspace"):
            self.pathspace = str(options["pathspace"])
        elif options.get("lab_prefix"):
            self.pathspace = _lab_pathspace(
                str(options["lab_prefix"]), Path(options.get("lab_state_root", DEFAULT_STATE_ROOT)), hostname
            )
        else:
            raise ValueError(f"{CONNECTION_NAME}: set `pathspace` or `lab_prefix` in the connection's extras")
        self.run("show version")

    def close(self) -> None:
        self.pathspace = ""

    def run(self, *commands: str) -> str:
        """vtysh's output for `commands`, run one after the other."""
        arguments = ["vtysh", "-N", self.pathspace]
        for command in commands:
            arguments += ["-c", command]
        return self._execute(arguments)

    def run_json(self, command: str) -> dict[str, Any]:
        output = self.run(command)
        try:
            value: dict[str, Any] = json.loads(output)
        except ValueError as error:
            raise FrrCommandError(self.pathspace, [command], 0, f"not JSON: {output[:200]}") from error
        return value

    def running_config(self) -> str:
        return self.run("show running-config")

    def replace_changes(self, text: str) -> str:
        """What a replace with `text` would delete and add (frr-reload.py --test); empty when in sync.
        A bad line raises with FRR's parser's complaint (frr-reload.py refuses too, but without it)."""
        self.check(text)
        with _config_file(text) as path:
            output = self._execute([str(FRR_RELOAD), "--pathspace", self.pathspace, "--test", path])
        return output.strip()

    def replace(self, text: str) -> str:
        """Makes the running configuration `text`: all or nothing, only the difference is applied."""
        self.check(text)
        with _config_file(text) as path:
            return self._execute(
                [str(FRR_RELOAD), "--pathspace", self.pathspace, "--reload", "--stdout", path]
            )

    def check(self, text: str) -> None:
        """FRR's own parser on `text`, nothing applied (`vtysh --dryrun`)."""
        with _config_file(text) as path:
            self._execute(["vtysh", "-N", self.pathspace, "--dryrun", "-f", path])

    def merge(self, text: str) -> str:
        """Applies the lines of `text` on top of the running configuration (`vtysh -f`)."""
        self.check(text)
        with _config_file(text) as path:
            return self._execute(["vtysh", "-N", self.pathspace, "-f", path])

    def _execute(self, arguments: list[str]) -> str:
        try:
            result = subprocess.run(
                arguments, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise FrrCommandError(self.pathspace, arguments, -1, str(error)) from error
        if result.returncode != 0:
            raise FrrCommandError(self.pathspace, arguments, result.returncode, result.stderr + result.stdout)
        return result.stdout


def _what_went_wrong(output: str, limit: int = 12) -> str:
    """FRR's complaints without frr-reload.py's INFO log and its dumps of the files it compares."""
    complaints = [
        line.strip()
        for line in output.splitlines()
        if line.strip().startswith(("line ", "%")) or "WARNING" in line or "ERROR" in line
    ]
    lines = list(dict.fromkeys(complaints)) or output.strip().splitlines()[-limit:]
    more = f" (and {len(lines) - limit} more)" if len(lines) > limit else ""
    return "; ".join(lines[:limit]) + more


def _lab_pathspace(prefix: str, state_root: Path, hostname: str | None) -> str:
    state = Lab(prefix, state_root).state()
    if state is None:
        raise ValueError(f"{CONNECTION_NAME}: lab {prefix!r} is not up (no state under {state_root})")
    if not hostname:
        raise ValueError(f"{CONNECTION_NAME}: the host has no hostname to find its router in lab {prefix!r}")
    for router in state.routers:
        if hostname in (router.name, router.management_address):
            return router.namespace
    raise ValueError(
        f"{CONNECTION_NAME}: no router of lab {prefix!r} has name or management address {hostname!r}"
    )


@contextmanager
def _config_file(text: str) -> Iterator[str]:
    """`text` in a temporary file for the FRR tools, removed on the way out."""
    with tempfile.NamedTemporaryFile("w", prefix="nornir-frr-", suffix=".conf", delete=False) as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
    try:
        yield handle.name
    finally:
        Path(handle.name).unlink(missing_ok=True)
