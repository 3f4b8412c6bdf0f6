# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

from ansible_collections.infrahub.lite.plugins.module_utils.errors import (
    InfrahubCollectionError,
    describe_error,
    is_handled_error,
)


class Response:
    def __init__(self, status_code: int) -> None:
        self.status_code = status_code


class HTTPStatusError(Exception):
    """Shaped like httpx's: the SDK lets it through for some refusals."""

    def __init__(self, message: str, status_code: int) -> None:
        super().__init__(message)
        self.response = Response(status_code)


def test_a_refused_token_says_what_to_check() -> None:
    error = HTTPStatusError("Client error '401 Unauthorized'", 401)

    assert is_handled_error(error)
    assert (
        describe_error(error)
        == "The server refused the credentials (HTTP 401): check token or INFRAHUB_API_TOKEN"
    )


def test_collection_errors_keep_their_message_and_bugs_are_not_handled() -> None:
    assert (
        describe_error(InfrahubCollectionError("data.colour: no such field")) == "data.colour: no such field"
    )
    assert not is_handled_error(KeyError("id"))
