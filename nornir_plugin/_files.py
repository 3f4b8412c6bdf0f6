"""`defaults_file` and `group_file`: Nornir SimpleInventory YAML merged over the server's data."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from nornir.core.inventory import ConnectionOptions, Defaults, Group, Groups, ParentGroups


def load_defaults(path: Path) -> Defaults:
    data = _read(path)
    return Defaults(
        hostname=data.get("hostname"),
        port=data.get("port"),
        username=data.get("username"),
        password=data.get("password"),
        platform=data.get("platform"),
        data=data.get("data"),
        connection_options=_connection_options(data.get("connection_options")),
    )


def load_groups(path: Path, defaults: Defaults) -> Groups:
    """The groups of `path` with their parent groups linked; an absent file gives no groups."""
    content = _read(path)
    groups = Groups()
    for name, data in content.items():
        data = data or {}
        groups[name] = Group(
            name=name,
            hostname=data.get("hostname"),
            port=data.get("port"),
            username=data.get("username"),
            password=data.get("password"),
            platform=data.get("platform"),
            data=data.get("data"),
            connection_options=_connection_options(data.get("connection_options")),
            defaults=defaults,
        )
    for name, data in content.items():
        parents = (data or {}).get("groups") or []
        missing = [parent for parent in parents if parent not in groups]
        if missing:
            raise ValueError(
                f"group_file {str(path)!r}: group {name!r} has unknown parent group(s) {missing}"
            )
        groups[name].groups = ParentGroups(groups[parent] for parent in parents)
    return groups


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as stream:
        content = yaml.safe_load(stream) or {}
    if not isinstance(content, dict):
        raise ValueError(f"{str(path)!r}: expected a YAML mapping at the top level")
    return content


def _connection_options(data: Mapping[str, Any] | None) -> dict[str, ConnectionOptions]:
    return {
        name: ConnectionOptions(
            hostname=options.get("hostname"),
            port=options.get("port"),
            username=options.get("username"),
            password=options.get("password"),
            platform=options.get("platform"),
            extras=options.get("extras"),
        )
        for name, options in (data or {}).items()
    }
