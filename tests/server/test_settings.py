"""Settings: defaults, the environment over the TOML file over the defaults, one-line refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrahub_server.errors import ConfigurationError
from infrahub_server.settings import Settings, load_settings


def test_defaults_when_nothing_is_set() -> None:
    settings = load_settings({})

    assert settings == Settings()
    assert settings.database_url == "sqlite:///infrahub.db"
    assert settings.initial_admin_password == "infrahub"
    assert settings.allow_anonymous_access is True
    assert settings.default_branch == "main"
    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 8000, 1)


def test_environment_variables_are_typed() -> None:
    settings = load_settings(
        {
            "INFRAHUB_DATABASE_URL": "postgresql://u:p@db:5432/infrahub",
            "INFRAHUB_ALLOW_ANONYMOUS_ACCESS": "false",
            "INFRAHUB_INITIAL_ADMIN_TOKEN": "06438eb2-8019-4776-878c-0941b1f1d1ec",
            "INFRAHUB_PORT": "9000",
            "INFRAHUB_WORKERS": "4",
            "INFRAHUB_REQUEST_TIMEOUT": "2.5",
            "INFRAHUB_ACCESS_TOKEN_LIFETIME": "600",
            "UNRELATED": "ignored",
        }
    )

    assert settings.database_url == "postgresql://u:p@db:5432/infrahub"
    assert settings.allow_anonymous_access is False
    assert settings.initial_admin_token == "06438eb2-8019-4776-878c-0941b1f1d1ec"
    assert (settings.port, settings.workers, settings.request_timeout) == (9000, 4, 2.5)
    assert (settings.access_token_lifetime, settings.refresh_token_lifetime) == (600, 30 * 24 * 3600)


def test_environment_wins_over_the_file_and_overrides_win_over_both(tmp_path: Path) -> None:
    config = tmp_path / "infrahub.toml"
    config.write_text('port = 7000\nhost = "0.0.0.0"\nallow_anonymous_access = false\n')

    from_file = load_settings({"INFRAHUB_CONFIG": str(config), "INFRAHUB_PORT": "7100"})
    overridden = load_settings(
        {"INFRAHUB_PORT": "7100"}, config_file=config, overrides={"port": 7200, "host": None}
    )

    assert (from_file.port, from_file.host, from_file.allow_anonymous_access) == (7100, "0.0.0.0", False)
    assert (overridden.port, overridden.host) == (7200, "0.0.0.0")


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"INFRAHUB_PORT": "eighty"}, "INFRAHUB_PORT: expected an integer, got 'eighty'"),
        ({"INFRAHUB_PORT": "70000"}, "INFRAHUB_PORT: must be a TCP port between 1 and 65535, got '70000'"),
        (
            {"INFRAHUB_ALLOW_ANONYMOUS_ACCESS": "maybe"},
            "INFRAHUB_ALLOW_ANONYMOUS_ACCESS: expected true or false",
        ),
        (
            {"INFRAHUB_DATABASE_URL": "mysql://x/y"},
            "INFRAHUB_DATABASE_URL: expected sqlite:///path or postgresql",
        ),
        (
            {"INFRAHUB_DATABASE_URL": "sqlite://infrahub.db"},
            "INFRAHUB_DATABASE_URL: a SQLite URL has three slashes",
        ),
        ({"INFRAHUB_MAX_REQUEST_BODY_BYTES": "0"}, "INFRAHUB_MAX_REQUEST_BODY_BYTES: must be greater than 0"),
        ({"INFRAHUB_WORKERS": "2"}, "workers: 2 workers need PostgreSQL"),
        (
            {"INFRAHUB_CONFIG": "/nonexistent/infrahub.toml"},
            "config file /nonexistent/infrahub.toml: cannot be read",
        ),
    ],
)
def test_a_bad_setting_is_refused_with_one_line_naming_it(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError) as refused:
        load_settings(environ)

    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)


def test_a_bad_config_file_names_the_file_and_the_key(tmp_path: Path) -> None:
    config = tmp_path / "infrahub.toml"
    config.write_text("prot = 80\n")
    with pytest.raises(ConfigurationError, match=r"infrahub.toml: unknown setting 'prot'"):
        load_settings({}, config_file=config)

    config.write_text('port = "x"\n')
    with pytest.raises(ConfigurationError, match=r"^port in .*infrahub.toml: expected an integer, got 'x'$"):
        load_settings({}, config_file=config)

    config.write_text("port = \n")
    with pytest.raises(ConfigurationError, match=r"infrahub.toml: not valid TOML"):
        load_settings({}, config_file=config)
