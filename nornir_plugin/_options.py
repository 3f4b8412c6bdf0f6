"""The plugin's options: parsed, checked and normalised before anything touches the network.

Every error is a `ValueError` whose message starts with the option at fault, as Nornir users read
it in the traceback of `InitNornir`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HOST_FIELDS = ("name", "hostname", "platform", "port", "username", "password")
RESERVED_DATA_KEYS = ("infrahub", "InfrahubNode")


@dataclass(frozen=True)
class HostKind:
    """One kind of node that becomes Nornir hosts, with everything needed to query and map it."""

    kind: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    filters: Mapping[str, Any] = field(default_factory=dict)
    schema_mappings: Mapping[str, str] = field(default_factory=dict)
    group_mappings: tuple[str, ...] = ()
    data_mappings: Mapping[str, str] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """A JSON-ready view, for cache keys."""
        return {
            "kind": self.kind,
            "include": list(self.include),
            "exclude": list(self.exclude),
            "filters": dict(self.filters),
            "schema_mappings": dict(self.schema_mappings),
            "group_mappings": list(self.group_mappings),
            "data_mappings": dict(self.data_mappings),
        }


@dataclass(frozen=True)
class Connection:
    """Keyword arguments for the SDK's `Config`; only what the user gave, the SDK reads the rest from INFRAHUB_*."""

    config: Mapping[str, Any]

    @property
    def identity(self) -> str:
        """Who is asking: answers differ per account, so cache keys include it."""
        return str(self.config.get("api_token") or self.config.get("username") or "")


@dataclass(frozen=True)
class InventoryOptions:
    host_kinds: tuple[HostKind, ...]
    connection: Connection
    at: str | None
    defaults_file: Path
    group_file: Path
    cache_ttl: float
    cache_dir: Path


def parse_options(
    *,
    host_node: Any,
    host_nodes: Any,
    address: Any,
    token: Any,
    username: Any,
    password: Any,
    branch: Any,
    at: Any,
    timeout: Any,
    tls_insecure: Any,
    tls_ca_file: Any,
    schema_mappings: Any,
    group_mappings: Any,
    data_mappings: Any,
    filters: Any,
    defaults_file: Any,
    group_file: Any,
    cache_ttl: Any,
    cache_dir: Any,
) -> InventoryOptions:
    if host_node is not None and host_nodes is not None:
        raise ValueError("host_node and host_nodes: give one of them, not both")
    if host_node is None and host_nodes is None:
        raise ValueError("host_node: required (or host_nodes, for several host kinds)")
    if host_node is None:
        if not isinstance(host_nodes, Sequence) or isinstance(host_nodes, str):
            raise ValueError("host_nodes: expected a list of host kinds, e.g. [{'kind': 'InfraDevice'}]")
        if not host_nodes:
            raise ValueError("host_nodes: the list is empty")

    shared_schema = _schema_mappings("schema_mappings", schema_mappings)
    shared_groups = _group_mappings("group_mappings", group_mappings)
    shared_data = _data_mappings("data_mappings", data_mappings)
    shared_filters = _filters("filters", filters)
    entries = [("host_node", host_node)] if host_node is not None else _indexed("host_nodes", host_nodes)
    host_kinds = tuple(
        _host_kind(where, entry, shared_schema, shared_groups, shared_data, shared_filters)
        for where, entry in entries
    )

    connection: dict[str, Any] = {}
    if address is not None:
        connection["address"] = _text("address", address)
    if branch is not None:
        connection["default_branch"] = _text("branch", branch)
    if timeout is not None:
        connection["timeout"] = _timeout(timeout)
    _authentication(connection, token, username, password)
    _tls(connection, tls_insecure, tls_ca_file)

    return InventoryOptions(
        host_kinds=host_kinds,
        connection=Connection(connection),
        at=_timestamp(at) if at is not None else None,
        defaults_file=Path(_text("defaults_file", defaults_file)).expanduser(),
        group_file=Path(_text("group_file", group_file)).expanduser(),
        cache_ttl=_cache_ttl(cache_ttl),
        cache_dir=Path(_text("cache_dir", cache_dir)).expanduser()
        if cache_dir is not None
        else _default_cache_dir(),
    )


def _indexed(option: str, entries: Sequence[Any]) -> list[tuple[str, Any]]:
    return [(f"{option}[{index}]", entry) for index, entry in enumerate(entries)]


def _host_kind(
    where: str,
    entry: Any,
    shared_schema: Mapping[str, str],
    shared_groups: tuple[str, ...],
    shared_data: Mapping[str, str],
    shared_filters: Mapping[str, Any],
) -> HostKind:
    if not isinstance(entry, Mapping):
        raise ValueError(f"{where}: expected a mapping such as {{'kind': 'InfraDevice'}}, got {entry!r}")
    known = {"kind", "include", "exclude", "filters", "schema_mappings", "group_mappings", "data_mappings"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise ValueError(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; known: {', '.join(sorted(known))}"
        )
    kind = entry.get("kind")
    if not isinstance(kind, str) or not kind:
        raise ValueError(f"{where}.kind: required, the kind of node to load as hosts (e.g. 'InfraDevice')")
    own_groups = _group_mappings(f"{where}.group_mappings", entry.get("group_mappings"))
    return HostKind(
        kind=kind,
        include=_names(f"{where}.include", entry.get("include")),
        exclude=_names(f"{where}.exclude", entry.get("exclude")),
        filters={**shared_filters, **_filters(f"{where}.filters", entry.get("filters"))},
        schema_mappings={
            **shared_schema,
            **_schema_mappings(f"{where}.schema_mappings", entry.get("schema_mappings")),
        },
        group_mappings=tuple(dict.fromkeys(shared_groups + own_groups)),
        data_mappings={**shared_data, **_data_mappings(f"{where}.data_mappings", entry.get("data_mappings"))},
    )


def _names(option: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if (
        isinstance(value, str)
        or not isinstance(value, Sequence)
        or not all(isinstance(v, str) for v in value)
    ):
        raise ValueError(f"{option}: expected a list of field names, got {value!r}")
    return tuple(value)


def _path(option: str, value: Any) -> str:
    if not isinstance(value, str) or not value or any(not part for part in value.split(".")):
        raise ValueError(f"{option}: expected a dotted path such as 'site.name', got {value!r}")
    return value


def _schema_mappings(option: str, value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError(f"{option}: expected a list of {{'name': ..., 'mapping': ...}}, got {value!r}")
    mappings: dict[str, str] = {}
    for index, item in enumerate(value):
        where = f"{option}[{index}]"
        if not isinstance(item, Mapping) or set(item) != {"name", "mapping"}:
            raise ValueError(f"{where}: expected {{'name': <host field>, 'mapping': <path>}}, got {item!r}")
        name = item["name"]
        if name not in HOST_FIELDS:
            raise ValueError(
                f"{where}: name {name!r} is not a host field (one of {', '.join(HOST_FIELDS)}); "
                "put other values in host.data with data_mappings"
            )
        mappings[name] = _path(f"{where}.mapping", item["mapping"])
    return mappings


def _group_mappings(option: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError(f"{option}: expected a list of paths such as ['site.name'], got {value!r}")
    return tuple(_path(f"{option}[{index}]", item) for index, item in enumerate(value))


def _data_mappings(option: str, value: Any) -> dict[str, str]:
    """`{key: path}`, or a list of `{'name': key, 'mapping': path}` like schema_mappings."""
    if value is None:
        return {}
    if isinstance(value, Sequence) and not isinstance(value, str):
        pairs: list[tuple[Any, Any]] = []
        for index, item in enumerate(value):
            if not isinstance(item, Mapping) or set(item) != {"name", "mapping"}:
                raise ValueError(f"{option}[{index}]: expected {{'name': <data key>, 'mapping': <path>}}")
            pairs.append((item["name"], item["mapping"]))
    elif isinstance(value, Mapping):
        pairs = list(value.items())
    else:
        raise ValueError(f"{option}: expected a mapping of data key to path, got {value!r}")
    mappings: dict[str, str] = {}
    for key, path in pairs:
        if not isinstance(key, str) or not key:
            raise ValueError(f"{option}: data keys must be non-empty strings, got {key!r}")
        if key in RESERVED_DATA_KEYS:
            raise ValueError(f"{option}: data key {key!r} is reserved by the plugin")
        mappings[key] = _path(f"{option}.{key}", path)
    return mappings


def _filters(option: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(key, str) and key for key in value):
        raise ValueError(f"{option}: expected a mapping of GraphQL filter to value, got {value!r}")
    for key, item in value.items():
        _check_filter_value(f"{option}.{key}", item)
    return dict(value)


def _check_filter_value(option: str, value: Any) -> None:
    if value is None or isinstance(value, str | bool | int | float):
        return
    if isinstance(value, Sequence):
        for item in value:
            _check_filter_value(option, item)
        return
    if isinstance(value, Mapping) and all(isinstance(key, str) for key in value):
        for item in value.values():
            _check_filter_value(option, item)
        return
    raise ValueError(f"{option}: {value!r} cannot be sent as a GraphQL value")


def _text(option: str, value: Any) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{option}: expected a non-empty string, got {value!r}")
    return value


def _timeout(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"timeout: expected a number of seconds, got {value!r}")
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"timeout: expected a number of seconds, got {value!r}") from None
    if seconds <= 0:
        raise ValueError(f"timeout: must be positive, got {value!r}")
    # The SDK's Config takes whole seconds.
    return max(1, round(seconds))


def _authentication(connection: dict[str, Any], token: Any, username: Any, password: Any) -> None:
    if token is not None and (username is not None or password is not None):
        raise ValueError("token and username/password: give one way to authenticate, not both")
    if (username is None) != (password is None):
        raise ValueError("username and password: give both, or neither")
    if token is not None:
        connection["api_token"] = _text("token", token)
    if username is not None:
        connection["username"] = _text("username", username)
        connection["password"] = _text("password", password)


def _tls(connection: dict[str, Any], tls_insecure: Any, tls_ca_file: Any) -> None:
    if tls_insecure is not None:
        insecure = _boolean("tls_insecure", tls_insecure)
        if insecure and tls_ca_file is not None:
            raise ValueError(
                "tls_insecure and tls_ca_file: a CA file is pointless when certificates are not checked"
            )
        connection["tls_insecure"] = insecure
    if tls_ca_file is not None:
        ca_file = Path(_text("tls_ca_file", tls_ca_file)).expanduser()
        if not ca_file.is_file():
            raise ValueError(f"tls_ca_file: {str(ca_file)!r} is not a file")
        connection["tls_ca_file"] = str(ca_file)


def _boolean(option: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "1", "yes", "on", "false", "0", "no", "off"}:
        return value.lower() in {"true", "1", "yes", "on"}
    raise ValueError(f"{option}: expected true or false, got {value!r}")


def _timestamp(value: Any) -> str:
    """`at` as an ISO 8601 UTC timestamp, the form the server accepts on `?at=`."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"at: expected an ISO 8601 timestamp such as 2026-01-31T12:00:00Z, got {value!r}"
            ) from None
    else:
        raise ValueError(f"at: expected an ISO 8601 timestamp or a datetime, got {value!r}")
    if moment.tzinfo is None:
        raise ValueError(f"at: the timestamp needs a time zone (e.g. a trailing Z), got {value!r}")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _cache_ttl(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"cache_ttl: expected a number of seconds (0 turns the cache off), got {value!r}")
    if value < 0:
        raise ValueError(f"cache_ttl: must be 0 (off) or more, got {value!r}")
    return float(value)


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "infrahub-lite" / "nornir-inventory"
