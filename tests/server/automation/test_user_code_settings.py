"""The limits of user code come from INFRAHUB_USER_CODE_TIMEOUT and INFRAHUB_USER_CODE_MEMORY_MB."""

from __future__ import annotations

import pytest

from infrahub_server.errors import ConfigurationError
from infrahub_server.settings import load_settings


def test_the_limits_default_to_a_minute_and_a_gibibyte() -> None:
    settings = load_settings({})

    assert (settings.user_code_timeout, settings.user_code_memory_mb) == (60.0, 1024)


def test_the_limits_are_read_from_the_environment() -> None:
    settings = load_settings({"INFRAHUB_USER_CODE_TIMEOUT": "2.5", "INFRAHUB_USER_CODE_MEMORY_MB": "256"})

    assert (settings.user_code_timeout, settings.user_code_memory_mb) == (2.5, 256)


def test_a_limit_that_is_not_positive_is_refused() -> None:
    with pytest.raises(ConfigurationError) as refused:
        load_settings({"INFRAHUB_USER_CODE_MEMORY_MB": "0"})

    assert refused.value.message == "INFRAHUB_USER_CODE_MEMORY_MB: must be greater than 0, got '0'"
