"""Server settings: read once at start from `INFRAHUB_*` variables and an optional TOML file.

Precedence, highest first: explicit overrides (command-line flags), the environment, the TOML
file, the defaults. Every setting has one name; its variable is `INFRAHUB_<NAME>` and its TOML key
is `<name>` at the top level of the file. A bad value raises `ConfigurationError` with one line
naming where it came from and what is wrong.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from infrahub_server.errors import ConfigurationError

ENV_PREFIX = "INFRAHUB_"
CONFIG_FILE_VARIABLE = "INFRAHUB_CONFIG"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = "sqlite:///infrahub.db"
    initial_admin_password: str = "infrahub"
    initial_admin_token: str | None = None
    security_secret_key: str | None = None
    access_token_lifetime: int = 3600
    refresh_token_lifetime: int = 30 * 24 * 3600
    allow_anonymous_access: bool = True
    anonymous_access_role: str = "Anonymous User"
    default_branch: str = "main"
    max_request_body_bytes: int = 10 * 1024 * 1024
    graphql_max_depth: int = 24
    graphql_max_fields: int = 5000
    request_timeout: float = 300.0
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    storage_directory: str | None = None
    user_code_timeout: float = 60.0
    user_code_memory_mb: int = 1024
    git_repositories_directory: str | None = None
    task_workers: int = 2
    task_retention_days: float = 7.0
    task_retention_max: int = 10000
    task_retry_delay: float = 2.0
    task_lease_seconds: float = 60.0
    policy_required_proposed_change_approvals: int = 0

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"expected true or false, got {raw!r}")


def _parse_int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"expected an integer, got {raw!r}")
    if isinstance(raw, int):
        return raw
    try:
        return int(str(raw).strip())
    except ValueError:
        raise ValueError(f"expected an integer, got {raw!r}") from None


def _parse_float(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueError(f"expected a number, got {raw!r}")
    try:
        return float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"expected a number, got {raw!r}") from None


def _parse_text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"expected a string, got {raw!r}")
    return raw


def _positive(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def parse_positive(raw: Any) -> Any:
        value = parse(raw)
        if value <= 0:
            raise ValueError(f"must be greater than 0, got {raw!r}")
        return value

    return parse_positive


def _non_negative(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def parse_non_negative(raw: Any) -> Any:
        value = parse(raw)
        if value < 0:
            raise ValueError(f"must be 0 or more, got {raw!r}")
        return value

    return parse_non_negative


def _parse_port(raw: Any) -> int:
    value = _parse_int(raw)
    if not 0 < value < 65536:
        raise ValueError(f"must be a TCP port between 1 and 65535, got {raw!r}")
    return value


def _parse_database_url(raw: Any) -> str:
    url = _parse_text(raw).strip()
    scheme = url.partition("://")[0]
    if scheme.split("+")[0] not in ("sqlite", "postgresql"):
        raise ValueError(f"expected sqlite:///path or postgresql://user:pass@host/db, got {url!r}")
    if scheme.startswith("sqlite") and not url.startswith(f"{scheme}:///"):
        raise ValueError(f"a SQLite URL has three slashes (sqlite:///path/file.db), got {url!r}")
    return url


def _parse_branch_name(raw: Any) -> str:
    name = _parse_text(raw).strip()
    if not name or name.startswith("-") or " " in name:
        raise ValueError(f"not a valid branch name: {raw!r}")
    return name


def _parse_optional_text(raw: Any) -> str | None:
    text = _parse_text(raw)
    return text or None


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "database_url": _parse_database_url,
    "initial_admin_password": _parse_text,
    "initial_admin_token": _parse_optional_text,
    "security_secret_key": _parse_optional_text,
    "access_token_lifetime": _positive(_parse_int),
    "refresh_token_lifetime": _positive(_parse_int),
    "allow_anonymous_access": _parse_bool,
    "anonymous_access_role": _parse_text,
    "default_branch": _parse_branch_name,
    "max_request_body_bytes": _positive(_parse_int),
    "graphql_max_depth": _positive(_parse_int),
    "graphql_max_fields": _positive(_parse_int),
    "request_timeout": _positive(_parse_float),
    "host": _parse_text,
    "port": _parse_port,
    "workers": _positive(_parse_int),
    "storage_directory": _parse_optional_text,
    "user_code_timeout": _positive(_parse_float),
    "user_code_memory_mb": _positive(_parse_int),
    "git_repositories_directory": _parse_optional_text,
    "task_workers": _non_negative(_parse_int),
    "task_retention_days": _positive(_parse_float),
    "task_retention_max": _positive(_parse_int),
    "task_retry_delay": _non_negative(_parse_float),
    "task_lease_seconds": _positive(_parse_float),
    "policy_required_proposed_change_approvals": _non_negative(_parse_int),
}


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigurationError(f"config file {path}: cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"config file {path}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - set(_PARSERS))
    if unknown:
        raise ConfigurationError(f"config file {path}: unknown setting {unknown[0]!r}")
    return data


def load_settings(
    environ: Mapping[str, str],
    *,
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build the settings from `environ` (usually `os.environ`), the TOML file named by
    `config_file` or `INFRAHUB_CONFIG`, and `overrides` (values already typed, e.g. CLI flags)."""
    if config_file is None and environ.get(CONFIG_FILE_VARIABLE):
        config_file = Path(environ[CONFIG_FILE_VARIABLE])
    file_values = _read_config_file(config_file) if config_file is not None else {}

    values: dict[str, Any] = {}
    for field in fields(Settings):
        name = field.name
        variable = ENV_PREFIX + name.upper()
        if overrides and overrides.get(name) is not None:
            raw, origin = overrides[name], name
        elif variable in environ:
            raw, origin = environ[variable], variable
        elif name in file_values:
            raw, origin = file_values[name], f"{name} in {config_file}"
        else:
            continue
        try:
            values[name] = _PARSERS[name](raw)
        except ValueError as exc:
            raise ConfigurationError(f"{origin}: {exc}") from None

    settings = Settings(**values)
    if settings.workers > 1 and settings.is_sqlite:
        raise ConfigurationError(
            f"workers: {settings.workers} workers need PostgreSQL (INFRAHUB_DATABASE_URL=postgresql://...); "
            "SQLite allows one server process"
        )
    return settings
