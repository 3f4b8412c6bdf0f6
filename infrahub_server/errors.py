"""The server's exception tree. Each error carries a stable `code` and the HTTP status it maps to;
`infrahub_server.api.errors` and `infrahub_server.graphql` turn them into the protocol's shapes.

    InfrahubError
     +-- ValidationError            (422)  bad input; `data` names the kind and the field
     |    +-- AttributeRequiredError        ATTRIBUTE_REQUIRED
     |    +-- AttributeInvalidTypeError     ATTRIBUTE_INVALID_TYPE
     |    +-- AttributeConstraintError      ATTRIBUTE_CONSTRAINT_VIOLATION
     |    +-- UniquenessError               UNDEFINED_ERROR, "Violates uniqueness constraint ..."
     |    +-- SchemaError                   schema files that cannot be processed
     +-- NodeNotFoundError          (404)  NODE_NOT_FOUND
     +-- SchemaNotFoundError        (422)  SCHEMA_NOT_FOUND
     +-- BranchNotFoundError        (400)  BRANCH_NOT_FOUND
     +-- BranchStateError           (400)  BRANCH_ALREADY_MERGED / BRANCH_NEEDS_REBASE
     +-- MergeInProgressError       (423)  MERGE_IN_PROGRESS
     +-- AuthenticationError        (401)  AUTHENTICATION_REQUIRED
     |    +-- TokenExpiredError             TOKEN_EXPIRED ("Expired Signature")
     +-- PermissionDeniedError      (403)  PERMISSION_DENIED
     +-- ConfigurationError                 a bad setting, refused at start
     +-- UserCodeError              (500)  USER_CODE_ERROR: a user's transform, generator or check failed
"""

from __future__ import annotations

from typing import Any


class InfrahubError(Exception):
    code: str = "UNDEFINED_ERROR"
    http_status: int = 500

    def __init__(self, message: str, *, data: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.data: dict[str, Any] = data or {}


class ValidationError(InfrahubError):
    code = "UNDEFINED_ERROR"
    http_status = 422


class _FieldError(ValidationError):
    def __init__(self, message: str, *, kind: str, field: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(message, data={"node_kind": kind, "field_name": field, **(data or {})})
        self.kind = kind
        self.field = field


class AttributeRequiredError(_FieldError):
    code = "ATTRIBUTE_REQUIRED"


class AttributeInvalidTypeError(_FieldError):
    code = "ATTRIBUTE_INVALID_TYPE"


class AttributeConstraintError(_FieldError):
    code = "ATTRIBUTE_CONSTRAINT_VIOLATION"


class UniquenessError(ValidationError):
    code = "UNDEFINED_ERROR"


class SchemaError(ValidationError):
    code = "UNDEFINED_ERROR"


class NodeNotFoundError(InfrahubError):
    code = "NODE_NOT_FOUND"
    http_status = 404


class SchemaNotFoundError(InfrahubError):
    code = "SCHEMA_NOT_FOUND"
    http_status = 422


class BranchNotFoundError(InfrahubError):
    code = "BRANCH_NOT_FOUND"
    http_status = 400


class BranchStateError(InfrahubError):
    http_status = 400

    def __init__(self, message: str, *, code: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(message, data=data)
        self.code = code


class MergeInProgressError(InfrahubError):
    code = "MERGE_IN_PROGRESS"
    http_status = 423


class AuthenticationError(InfrahubError):
    code = "AUTHENTICATION_REQUIRED"
    http_status = 401


class TokenExpiredError(AuthenticationError):
    code = "TOKEN_EXPIRED"

    def __init__(self) -> None:
        super().__init__("Expired Signature")


class PermissionDeniedError(InfrahubError):
    code = "PERMISSION_DENIED"
    http_status = 403


class ConfigurationError(InfrahubError):
    code = "CONFIGURATION_ERROR"


class UserCodeError(InfrahubError):
    """User Python failed (raised, timed out, ran out of memory): `data` holds the stderr tail."""

    code = "USER_CODE_ERROR"
    http_status = 500
