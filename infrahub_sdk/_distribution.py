"""Which distribution provides `infrahub_sdk`: ours (`infrahub-lite`) or OpsMill's (`infrahub-sdk`)."""

from __future__ import annotations

import logging
from importlib import metadata

LOG = logging.getLogger("infrahub_sdk")

OURS = "infrahub-lite"
OPSMILL = "infrahub-sdk"


def installed_version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def shadow_warning() -> str | None:
    """One line when OpsMill's package is installed beside ours (it writes over the same files)."""
    opsmill = installed_version(OPSMILL)
    if opsmill is None:
        return None
    return (
        f"OpsMill's {OPSMILL} {opsmill} is installed beside {OURS} and writes the same 'infrahub_sdk' files, "
        f"so the two may be mixed: run 'pip uninstall -y {OPSMILL}' then "
        f"'pip install --force-reinstall --no-deps {OURS}'"
    )


def version() -> str:
    return installed_version(OURS) or "0.0.0"
