"""`run_user_code`: user Python runs in a child process that sees the repository, not the server's
secrets, and whatever it does (prints, crashes, leaves processes behind) the caller gets an answer."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from infrahub_server.automation.user_code import UserCodeResult, run_user_code
from infrahub_server.errors import UserCodeError

CODE = """
import os
import subprocess
import sys

from helpers import double


class Probe:
    def __init__(self, factor, root_directory):
        self.factor = factor
        self.root_directory = root_directory
        self.seen = []

    async def scale(self, value):
        print("scaling", value)
        self.seen.append(value)
        return double(value) * self.factor

    def environment(self):
        return {name: value for name, value in os.environ.items() if name.startswith("INFRAHUB_")}

    def leave_a_process(self):
        return subprocess.Popen(["sleep", "60"]).pid

    def crash(self):
        sys.stdout.flush()
        os._exit(3)
"""


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "probe.py").write_text(CODE)
    (tmp_path / "helpers.py").write_text("def double(value):\n    return value * 2\n")
    return tmp_path


def _run(
    repository: Path, method: str, *, server_address: str | None = None, token: str | None = None
) -> UserCodeResult:
    return run_user_code(
        repository,
        "checks/probe.py",
        "Probe",
        method,
        {"init": {"factor": 3}},
        timeout=20,
        memory_mb=384,
        server_address=server_address,
        token=token,
    )


def test_the_method_result_attributes_and_printed_output_come_back(repository: Path) -> None:
    result = run_user_code(
        repository,
        "checks/probe.py",
        "Probe",
        "scale",
        {"init": {"factor": 3}, "call": {"value": 7}},
        timeout=20,
        memory_mb=384,
        collect=["seen", "root_directory"],
    )

    assert result.value == 42
    assert result.attributes == {"seen": [7], "root_directory": str(repository)}
    assert result.output == "scaling 7\n"


def test_the_child_sees_the_sdk_settings_and_none_of_the_servers(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFRAHUB_SECURITY_SECRET_KEY", "server-only")
    monkeypatch.setenv("INFRAHUB_DATABASE_URL", "sqlite:///server.db")

    result = _run(repository, "environment", server_address="http://127.0.0.1:8000", token="user-token")

    assert result.value == {
        "INFRAHUB_ADDRESS": "http://127.0.0.1:8000",
        "INFRAHUB_API_TOKEN": "user-token",
    }


def test_processes_the_code_starts_end_with_it(repository: Path) -> None:
    pid = _run(repository, "leave_a_process").value

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.05)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child of an exited parent may linger as a zombie until init reaps it.
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


def test_an_interpreter_that_dies_is_reported(repository: Path) -> None:
    with pytest.raises(UserCodeError) as raised:
        _run(repository, "crash")

    assert raised.value.message == "Probe in checks/probe.py ended without an answer (exit status 3)"
    assert raised.value.code == "USER_CODE_ERROR"


def test_a_missing_class_or_file_is_reported(repository: Path) -> None:
    with pytest.raises(UserCodeError) as missing_file:
        run_user_code(repository, "../outside.py", "Probe", "scale", {}, timeout=20, memory_mb=384)
    with pytest.raises(UserCodeError) as missing_class:
        run_user_code(repository, "checks/probe.py", "Nope", "scale", {}, timeout=20, memory_mb=384)

    assert missing_file.value.message == (
        "Probe in ../outside.py failed: FileNotFoundError: ../outside.py is not a file of the repository"
    )
    assert missing_class.value.message == (
        "Nope in checks/probe.py failed: AttributeError: checks/probe.py has no class named 'Nope'"
    )
