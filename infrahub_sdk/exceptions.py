"""Every error the SDK raises, under one root.

Error (.message)
├── JsonDecodeError
├── RateLimitError                  HTTP 429 past the retry budget
├── ServerNotReachableError         connection refused, DNS, reset
├── ServerNotResponsiveError        timeout
├── GraphQLError                    the response carried `errors`
├── VersionNotSupportedError
├── BranchNotFoundError
├── SchemaNotFoundError
├── ModuleImportError
├── NodeNotFoundError
│   └── NodeInvalidError
├── NodeNotSavedError
├── ResourceNotDefinedError
├── InfrahubCheckNotFoundError
├── InfrahubTransformNotFoundError
├── ValidationError
├── ObjectValidationError
├── AuthenticationError             HTTP 401/403
├── URLNotFoundError                HTTP 404
├── FeatureNotSupportedError
├── UninitializedError
├── InvalidResponseError
├── RepositoryFileNotFoundError
├── FileNotValidError
├── TimestampFormatError
└── GraphQLQueryError               rendering a query file
    ├── QuerySyntaxError
    ├── FragmentNotFoundError
    ├── DuplicateFragmentError
    ├── CircularFragmentError
    └── FragmentFileNotFoundError
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Error(Exception):
    def __init__(self, message: str | None = None) -> None:
        self.message = message
        super().__init__(message)


class JsonDecodeError(Error):
    def __init__(
        self, message: str | None = None, content: str | None = None, url: str | None = None
    ) -> None:
        self.content = content
        self.url = url
        if not message and url:
            message = f"Unable to decode response as JSON data from {url}"
            if content:
                message += f". Server response: {content}"
        super().__init__(message)


class RateLimitError(Error):
    def __init__(
        self, url: str, attempts: int, retry_after: float | None = None, message: str | None = None
    ) -> None:
        self.url = url
        self.attempts = attempts
        self.retry_after = retry_after
        super().__init__(
            message or f"Request to {url} was rate-limited (HTTP 429) after {attempts} attempt(s)."
        )


class ServerNotReachableError(Error):
    def __init__(self, address: str, message: str | None = None) -> None:
        self.address = address
        super().__init__(message or f"Unable to connect to '{address}'.")


class ServerNotResponsiveError(Error):
    def __init__(self, url: str, timeout: float | None = None, message: str | None = None) -> None:
        self.url = url
        self.timeout = timeout
        text = message or f"Unable to read from '{url}'."
        if timeout:
            text += f" (timeout: {timeout} sec)"
        super().__init__(text)


class GraphQLError(Error):
    def __init__(
        self, errors: list[dict[str, Any]], query: str | None = None, variables: dict[str, Any] | None = None
    ) -> None:
        self.errors = errors
        self.query = query
        self.variables = variables
        super().__init__(f"An error occurred while executing the GraphQL Query {query}, {errors}")


class VersionNotSupportedError(Error):
    def __init__(self, feature: str, required_version: str) -> None:
        self.feature = feature
        self.required_version = required_version
        super().__init__(f"{feature} requires Infrahub {required_version} or later.")


class BranchNotFoundError(Error):
    def __init__(self, identifier: str, message: str | None = None) -> None:
        self.identifier = identifier
        super().__init__(message or f"Unable to find the branch '{identifier}' in the Database.")


class SchemaNotFoundError(Error):
    def __init__(self, identifier: str, message: str | None = None) -> None:
        self.identifier = identifier
        super().__init__(message or f"Unable to find the schema '{identifier}'.")


class ModuleImportError(Error):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "Unable to import the module")


class NodeNotFoundError(Error):
    def __init__(
        self,
        identifier: Mapping[str, Any],
        message: str = "Unable to find the node in the database.",
        branch_name: str | None = None,
        node_type: str | None = None,
    ) -> None:
        self.identifier = identifier
        self.branch_name = branch_name
        self.node_type = node_type or "unknown"
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.message} {self.branch_name} | {self.node_type} | {dict(self.identifier)}"


class NodeInvalidError(NodeNotFoundError):
    pass


class NodeNotSavedError(Error):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "The node has not been saved yet and does not have an id.")


class ResourceNotDefinedError(Error):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "The requested resource was not found")


class InfrahubCheckNotFoundError(Error):
    def __init__(self, name: str, message: str | None = None) -> None:
        super().__init__(message or f"The requested InfrahubCheck '{name}' was not found.")


class InfrahubTransformNotFoundError(Error):
    def __init__(self, name: str, message: str | None = None) -> None:
        super().__init__(message or f"The requested InfrahubTransform '{name}' was not found.")


class ValidationError(Error):
    def __init__(
        self, identifier: str, message: str | None = None, messages: list[str] | None = None
    ) -> None:
        self.identifier = identifier
        self.messages = messages
        if not message and not messages:
            message = f"Validation Error for {identifier}"
        super().__init__(message)

    def __str__(self) -> str:
        if self.messages:
            return f"{self.identifier}: {', '.join(self.messages)}"
        return f"{self.identifier}: {self.message}"


class ObjectValidationError(Error):
    def __init__(self, position: list[int | str], message: str) -> None:
        self.position = position
        super().__init__(message)

    def __str__(self) -> str:
        return f"{'.'.join(str(p) for p in self.position)}: {self.message}"


class AuthenticationError(Error):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "Authentication Error, unable to execute the query.")


class URLNotFoundError(Error):
    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"`{url}` not found.")


class FeatureNotSupportedError(Error):
    """A node method was called on a kind that does not support it."""


class UninitializedError(Error):
    """An object needs an initialisation step (such as `fetch()`) before this use."""


class InvalidResponseError(Error):
    """The server answered with a status or body the SDK cannot interpret."""


class RepositoryFileNotFoundError(Error):
    def __init__(self, file_path: str, message: str | None = None) -> None:
        self.file_path = file_path
        super().__init__(message or f"File '{file_path}' does not exist.")


class FileNotValidError(Error):
    def __init__(self, name: str, message: str = "") -> None:
        super().__init__(message or f"Cannot parse '{name}' content.")


class TimestampFormatError(Error):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "Invalid timestamp format")


class GraphQLQueryError(Error):
    """Rendering a GraphQL query file failed (syntax or fragments)."""


class QuerySyntaxError(GraphQLQueryError):
    def __init__(self, syntax_error: str) -> None:
        super().__init__(f"GraphQL syntax error: {syntax_error}")


class FragmentNotFoundError(GraphQLQueryError):
    def __init__(self, fragment_name: str, query_file: str | None = None, message: str | None = None) -> None:
        self.fragment_name = fragment_name
        self.query_file = query_file
        where = f" (referenced in '{query_file}')" if query_file else ""
        super().__init__(message or f"Fragment '{fragment_name}' not found{where}.")


class DuplicateFragmentError(GraphQLQueryError):
    def __init__(self, fragment_name: str, message: str | None = None) -> None:
        self.fragment_name = fragment_name
        super().__init__(
            message or f"Fragment '{fragment_name}' is defined more than once across declared fragment files."
        )


class CircularFragmentError(GraphQLQueryError):
    def __init__(self, cycle: list[str], message: str | None = None) -> None:
        self.cycle = cycle
        super().__init__(message or f"Circular fragment dependency detected: {' -> '.join(cycle)}.")


class FragmentFileNotFoundError(GraphQLQueryError):
    def __init__(self, file_path: str, message: str | None = None) -> None:
        self.file_path = file_path
        super().__init__(
            message or f"Fragment file '{file_path}' declared in graphql_fragments does not exist."
        )
