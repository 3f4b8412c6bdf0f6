"""Which credential a request carries: the API token, then the bearer JWT, then the cookie."""

from __future__ import annotations

import pytest

from infrahub_server.auth.sessions import PresentedCredential, presented_credential


@pytest.mark.parametrize(
    ("headers", "cookies", "expected"),
    [
        (
            {"x-infrahub-key": "tok", "authorization": "Bearer jwt"},
            {"access_token": "c"},
            ("api_token", "tok"),
        ),
        ({"authorization": "Bearer jwt"}, {"access_token": "c"}, ("jwt", "jwt")),
        ({"authorization": "bearer  jwt "}, {}, ("jwt", "jwt")),
        ({"authorization": "Basic YWRtaW4="}, {"access_token": "c"}, ("jwt", "c")),
        ({}, {"access_token": "c"}, ("jwt", "c")),
    ],
    ids=["api-token-first", "bearer-over-cookie", "scheme-any-case", "other-scheme-ignored", "cookie"],
)
def test_credentials_are_taken_in_infrahubs_order(
    headers: dict[str, str], cookies: dict[str, str], expected: tuple[str, str]
) -> None:
    assert presented_credential(headers, cookies) == PresentedCredential(*expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "headers",
    [{}, {"x-infrahub-key": ""}, {"authorization": "Bearer "}],
    ids=["none", "empty-key", "empty-bearer"],
)
def test_no_credential_means_anonymous(headers: dict[str, str]) -> None:
    assert presented_credential(headers, {}) is None
