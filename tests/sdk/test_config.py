"""`Config`: defaults, `INFRAHUB_*` variables, and which authentication wins."""

from __future__ import annotations

import ssl
from pathlib import Path

import pydantic
import pytest

from infrahub_sdk import Config, InfrahubClient


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "ADDRESS",
        "API_TOKEN",
        "USERNAME",
        "PASSWORD",
        "TIMEOUT",
        "PAGINATION_SIZE",
        "DEFAULT_BRANCH",
    ):
        monkeypatch.delenv(f"INFRAHUB_{name}", raising=False)


def test_defaults() -> None:
    config = Config()
    assert (config.address, config.default_branch, config.timeout, config.pagination_size) == (
        "http://localhost:8000",
        "main",
        60,
        50,
    )
    assert config.max_concurrent_execution == 5
    assert config.retry_status_codes == [500, 502, 503, 504]
    assert (config.rate_limit_retry_enabled, config.rate_limit_max_retries) == (True, 10)


def test_environment_fills_what_arguments_leave_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFRAHUB_ADDRESS", "https://infrahub.example:8443/")
    monkeypatch.setenv("INFRAHUB_TIMEOUT", "7")
    monkeypatch.setenv("INFRAHUB_PAGINATION_SIZE", "500")
    monkeypatch.setenv("INFRAHUB_DEFAULT_BRANCH", "feat")
    config = Config(pagination_size=20)
    assert (config.address, config.timeout, config.pagination_size, config.default_branch) == (
        "https://infrahub.example:8443",
        7,
        20,
        "feat",
    )


def test_invalid_address_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="not a valid url"):
        Config(address="localhost:8000")


def test_username_needs_a_password() -> None:
    with pytest.raises(pydantic.ValidationError, match="Both 'username' and 'password' needs to be set"):
        Config(username="admin")


def test_explicit_token_beats_password_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFRAHUB_USERNAME", "admin")
    monkeypatch.setenv("INFRAHUB_PASSWORD", "infrahub")
    config = Config(api_token="token")
    assert (config.api_token, config.username, config.password, config.password_authentication) == (
        "token",
        None,
        None,
        False,
    )


def test_explicit_password_beats_token_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFRAHUB_API_TOKEN", "token")
    config = Config(username="admin", password="infrahub")
    assert (config.api_token, config.username, config.password_authentication) == (None, "admin", True)


def test_both_from_environment_is_ambiguous(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFRAHUB_API_TOKEN", "token")
    monkeypatch.setenv("INFRAHUB_USERNAME", "admin")
    monkeypatch.setenv("INFRAHUB_PASSWORD", "infrahub")
    with pytest.raises(
        pydantic.ValidationError, match="Cannot use both 'api_token' and 'username'/'password'"
    ):
        Config()


def test_both_explicit_is_ambiguous() -> None:
    with pytest.raises(pydantic.ValidationError, match="Cannot use both"):
        Config(api_token="token", username="admin", password="infrahub")


def test_priority_is_case_insensitive_and_proxies_are_exclusive() -> None:
    assert Config(priority="HIGH").priority is not None
    with pytest.raises(pydantic.ValidationError, match="mutually exclusive"):
        Config(proxy="http://proxy:3128", proxy_mounts={"http://": "http://other:3128"})


def test_clone_changes_only_the_branch() -> None:
    config = Config(address="http://infrahub.test", api_token="token", pagination_size=10)
    clone = config.clone(branch="feat")
    assert clone.default_branch == "feat"
    assert clone.model_dump(exclude={"default_branch"}) == config.model_dump(exclude={"default_branch"})


def test_tls_options(tmp_path: Path) -> None:
    insecure = Config(tls_insecure=True).tls_context
    assert (insecure.check_hostname, insecure.verify_mode) == (False, ssl.CERT_NONE)
    assert Config().tls_context.verify_mode == ssl.CERT_REQUIRED
    with pytest.raises(FileNotFoundError):
        InfrahubClient(config=Config(tls_ca_file=str(tmp_path / "missing.pem")))
