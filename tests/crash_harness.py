"""For tests that kill a writer at random moments and compare what the database holds after."""

from __future__ import annotations

import hashlib
import signal
import subprocess

from sqlalchemy import text

from infrahub_server.store import Store

_STATEMENTS = (
    "SELECT node_id, kind FROM node WHERE branch = :b AND to_at = :end ORDER BY node_id",
    "SELECT node_id, name, value_json FROM attribute WHERE branch = :b AND to_at = :end ORDER BY node_id, name",
    "SELECT identifier, source_id, destination_id FROM edge WHERE branch = :b AND to_at = :end "
    "ORDER BY identifier, source_id, destination_id",
)


def main_checksum(store: Store) -> str:
    """Everything main holds now: nodes, attribute values and edges."""
    digest = hashlib.sha256()
    with store.engine.connect() as connection:
        for statement in _STATEMENTS:
            for row in connection.execute(text(statement), {"b": store.default_branch, "end": 2**62}):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def killed_run(command: list[str], environment: dict[str, str], seconds: float) -> None:
    """Start `command`, SIGKILL it after `seconds` (when it still runs) and reap it."""
    process = subprocess.Popen(command, env=environment, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
