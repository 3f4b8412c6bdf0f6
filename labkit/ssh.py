"""An sshd per router namespace, on its management address, whose sessions land in the router's vtysh."""

from __future__ import annotations

import shutil
from pathlib import Path

from labkit.system import read_pid_file, run, wait_for

SSHD = Path("/usr/sbin/sshd")
PRIVSEP_DIR = Path("/run/sshd")

# With a command (`ssh router 'show bgp summary'`) vtysh runs it; without one, it is the interactive
# CLI that netmiko, scrapli and Ansible's network_cli drive.
LOGIN_SCRIPT = """#!/bin/sh
if [ -n "$SSH_ORIGINAL_COMMAND" ]; then
    exec vtysh -N "$1" -c "$SSH_ORIGINAL_COMMAND"
fi
exec vtysh -N "$1"
"""


def client_key(directory: Path) -> Path:
    return directory / "id_ed25519"


def prepare_keys(directory: Path) -> Path:
    """A client key pair (authorised on every router), a host key and the login script; returns the
    client's private key."""
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    key = client_key(directory)
    if not key.exists():
        run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "infrahub-lab", "-f", str(key)])
    host_key = directory / "ssh_host_ed25519_key"
    if not host_key.exists():
        run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "infrahub-lab host", "-f", str(host_key)])
    authorized = directory / "authorized_keys"
    shutil.copyfile(key.with_suffix(".pub"), authorized)
    authorized.chmod(0o600)
    login = directory / "vtysh-login"
    login.write_text(LOGIN_SCRIPT)
    login.chmod(0o755)
    PRIVSEP_DIR.mkdir(mode=0o755, exist_ok=True)
    return key


def sshd_config(directory: Path, namespace: str, address: str, user: str) -> str:
    return "\n".join(
        [
            f"ListenAddress {address}",
            "Port 22",
            f"HostKey {directory / 'ssh_host_ed25519_key'}",
            f"PidFile {pid_file(directory, namespace)}",
            f"AuthorizedKeysFile {directory / 'authorized_keys'}",
            f"AllowUsers {user}",
            "PermitRootLogin prohibit-password",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "PrintMotd no",
            "PrintLastLog no",
            "X11Forwarding no",
            "AllowTcpForwarding no",
            "AllowAgentForwarding no",
            f"ForceCommand {directory / 'vtysh-login'} {namespace}",
            "",
        ]
    )


def pid_file(directory: Path, namespace: str) -> Path:
    return directory / f"sshd-{namespace}.pid"


def config_file(directory: Path, namespace: str) -> Path:
    return directory / f"sshd-{namespace}.conf"


def start_sshd(
    directory: Path, namespace: str, address: str, *, user: str = "root", timeout: float = 15
) -> int:
    """Starts the namespace's sshd and returns its pid once it has written it (it listens by then)."""
    config = config_file(directory, namespace)
    config.write_text(sshd_config(directory, namespace, address, user))
    run(["ip", "netns", "exec", namespace, str(SSHD), "-f", str(config)])
    pid_path = pid_file(directory, namespace)
    wait_for(f"sshd of {namespace}", lambda: read_pid_file(pid_path) is not None, timeout=timeout)
    pid = read_pid_file(pid_path)
    assert pid is not None
    return pid
