"""Names the lab gives to what it creates, all derived from one prefix so `down` can find them again."""

from __future__ import annotations

import re

from labkit.errors import LabError

DEFAULT_PREFIX = "ilab-"
LINUX_NAME_MAX = 15
_PREFIX = re.compile(r"^[a-z][a-z0-9]{0,8}-$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def check_prefix(prefix: str) -> str:
    """Short enough that the bridge and the host ends of the management links fit in 15 characters."""
    if not _PREFIX.match(prefix):
        raise LabError(
            f"lab prefix {prefix!r} must be a lowercase letter, up to 8 letters or digits, and '-'"
        )
    return prefix


def namespace_name(prefix: str, device: str) -> str:
    """Network namespace and FRR pathspace of a device (a pathspace may not contain '/' or '.')."""
    return prefix + _UNSAFE.sub("-", device)


def bridge_name(prefix: str) -> str:
    return f"{prefix}mgmt"


def management_port_name(prefix: str, index: int) -> str:
    """Host end of router `index`'s management link, attached to the bridge."""
    return f"{prefix}m{index}"


def valid_linux_name(name: str) -> bool:
    return (
        0 < len(name) <= LINUX_NAME_MAX
        and name not in (".", "..")
        and not any(char in name for char in "/:")
        and not any(char.isspace() for char in name)
    )


def linux_interface_names(names: list[str]) -> dict[str, str]:
    """Interface name in the data -> name in the namespace: kept when Linux accepts it, else `ifN`."""
    mapping: dict[str, str] = {}
    taken = {name for name in names if valid_linux_name(name)}
    counter = 0
    for name in names:
        if valid_linux_name(name):
            mapping[name] = name
            continue
        counter += 1
        while f"if{counter}" in taken:
            counter += 1
        mapping[name] = f"if{counter}"
        taken.add(mapping[name])
    return mapping
