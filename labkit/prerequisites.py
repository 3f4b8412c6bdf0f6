"""What a lab needs from the machine, checked before anything is changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from labkit.errors import PrerequisiteError

FRR_DIR = Path("/usr/lib/frr")
FRR_DAEMONS = ("zebra", "staticd", "bgpd")
INSTALL_HINT = "apt-get install -y frr frr-pythontools iputils-ping openssh-server"


def missing_prerequisites(*, ssh: bool = True, frr_dir: Path = FRR_DIR) -> list[str]:
    """One line per missing prerequisite; empty when a lab can run here."""
    missing = []
    if os.geteuid() != 0:
        missing.append("the lab must run as root (it creates network namespaces and starts FRR daemons)")
    daemons = [name for name in FRR_DAEMONS if not (frr_dir / name).is_file()]
    if daemons or shutil.which("vtysh") is None:
        missing.append(
            f"FRRouting is not installed ({', '.join([*daemons, 'vtysh'])} missing): {INSTALL_HINT}"
        )
    if not (frr_dir / "frr-reload.py").is_file():
        missing.append(f"frr-reload.py is missing (package frr-pythontools): {INSTALL_HINT}")
    for tool, package in (("ip", "iproute2"), ("unshare", "util-linux"), ("ping", "iputils-ping")):
        if shutil.which(tool) is None:
            missing.append(f"`{tool}` is missing (package {package})")
    if ssh and (shutil.which("sshd") is None and not Path("/usr/sbin/sshd").is_file()):
        missing.append(f"sshd is missing (package openssh-server): {INSTALL_HINT}")
    return missing


def require_prerequisites(*, ssh: bool = True, frr_dir: Path = FRR_DIR) -> None:
    missing = missing_prerequisites(ssh=ssh, frr_dir=frr_dir)
    if missing:
        raise PrerequisiteError("cannot run the lab: " + "; ".join(missing))
