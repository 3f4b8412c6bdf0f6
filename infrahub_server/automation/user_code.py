"""User Python (transforms, generators, checks) run in a subprocess, never in the server.

The child (`user_code_runner.py`, a plain script) gets a clean environment (no server secrets, only
`INFRAHUB_ADDRESS` and `INFRAHUB_API_TOKEN` for the SDK), the repository directory as its working
directory and first `sys.path` entry, an address-space limit and a wall-clock timeout. Whatever goes
wrong (the code raises, runs too long, runs out of memory, crashes the interpreter) comes back as a
`UserCodeError` with the user's message and the tail of its stderr.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infrahub_server.errors import UserCodeError

logger = logging.getLogger(__name__)

RUNNER = Path(__file__).with_name("user_code_runner.py")
STDERR_TAIL_BYTES = 4000


@dataclass(frozen=True, slots=True)
class UserCodeResult:
    """What the method returned, the instance attributes asked for with `collect`, and the tail of
    what the code printed (stdout and stderr both)."""

    value: Any
    attributes: dict[str, Any] = field(default_factory=dict)
    output: str = ""


def _child_environment(server_address: str | None, token: str | None) -> dict[str, str]:
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    if server_address:
        environment["INFRAHUB_ADDRESS"] = server_address
    if token:
        environment["INFRAHUB_API_TOKEN"] = token
    return environment


def _tail(handle: Any) -> str:
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    handle.seek(max(0, size - STDERR_TAIL_BYTES))
    return str(handle.read().decode("utf-8", errors="replace"))


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """The child runs in its own session: this also ends whatever it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _failure(message: str, stderr: str, module_file: str, class_name: str) -> UserCodeError:
    return UserCodeError(message, data={"file_path": module_file, "class_name": class_name, "stderr": stderr})


def run_user_code(
    directory: Path,
    module_file: str,
    class_name: str,
    method: str,
    payload: dict[str, Any],
    *,
    timeout: float,
    memory_mb: int,
    server_address: str | None = None,
    token: str | None = None,
    collect: Sequence[str] = (),
) -> UserCodeResult:
    """Import `class_name` from `module_file` (relative to `directory`), build it with
    `payload["init"]` as keyword arguments and call `method(**payload["call"])` (awaited when it is a
    coroutine), in a subprocess. The constructor also gets an SDK `client`, `infrahub_node` and
    `root_directory` when it takes them and `init` does not give them. Values cross as JSON (values
    JSON cannot hold become strings).

    Blocking: call it from a worker thread. Raises UserCodeError on any failure.
    """
    request = {
        "directory": str(directory),
        "module_file": module_file,
        "class_name": class_name,
        "method": method,
        "init": payload.get("init") or {},
        "call": payload.get("call") or {},
        "collect": list(collect),
        "memory_mb": memory_mb,
    }
    label = f"{class_name} in {module_file}"
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [sys.executable, "-I", str(RUNNER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=directory,
            env=_child_environment(server_address, token),
            start_new_session=True,
        )
        try:
            out, _ = process.communicate(json.dumps(request, default=str).encode(), timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            process.communicate()
            raise _failure(
                f"{label} did not finish within {timeout:g} seconds", _tail(stderr), module_file, class_name
            ) from None
        finally:
            _kill_group(process)
            process.wait()
        tail = _tail(stderr)
    try:
        answer = json.loads(out) if out else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        logger.warning("user code %s ended with status %s and no answer", label, process.returncode)
        raise _failure(
            f"{label} ended without an answer (exit status {process.returncode})",
            tail,
            module_file,
            class_name,
        )
    if answer.get("memory"):
        raise _failure(f"{label} exceeded its memory limit of {memory_mb} MB", tail, module_file, class_name)
    if not answer.get("ok"):
        raise _failure(f"{label} failed: {answer.get('error')}", tail, module_file, class_name)
    return UserCodeResult(answer.get("value"), answer.get("attributes") or {}, tail)
