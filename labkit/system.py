"""Running commands and finding processes: the only place the lab calls out to the system."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from labkit.errors import LabError

log = logging.getLogger(__name__)


def run(command: Sequence[str], *, input: str | None = None, timeout: float = 60) -> str:
    """Runs `command` and returns its stdout; a non-zero exit raises LabError with its output."""
    log.debug("run %s", " ".join(command))
    try:
        result = subprocess.run(
            list(command), input=input, capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LabError(f"{' '.join(command)}: {exc}") from exc
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip()
        raise LabError(f"{' '.join(command)} exited with {result.returncode}: {output}")
    return result.stdout


def command_line(pid: int) -> list[str]:
    """The arguments of process `pid`; empty when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def all_pids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(errors="replace").rsplit(")", 1)[-1].split()
    except OSError:
        return False
    return bool(fields) and fields[0] != "Z"  # a zombie has exited already


def terminate(pids: Iterable[int], *, grace: float = 3.0) -> list[int]:
    """SIGTERM, then SIGKILL for what is still alive after `grace` seconds; returns the pids signalled."""
    signalled = []
    for pid in set(pids):
        try:
            os.kill(pid, signal.SIGTERM)
            signalled.append(pid)
        except ProcessLookupError:
            continue
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(alive(pid) for pid in signalled):
        time.sleep(0.05)
    for pid in signalled:
        if alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
    return signalled


def read_pid_file(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def wait_for(condition: str, check: Callable[[], bool], *, timeout: float, interval: float = 0.05) -> None:
    """Polls `check` until it returns true; LabError naming `condition` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return
        if time.monotonic() > deadline:
            raise LabError(f"timed out after {timeout:.0f} s waiting for {condition}")
        time.sleep(interval)
