"""The caller's own API tokens over GraphQL: `InfrahubAccountToken` lists them,
`InfrahubAccountTokenCreate` adds one (its value is shown once), `InfrahubAccountTokenDelete`
revokes one. Another account's tokens are neither listed nor revocable: a foreign id is answered
as not found and nothing changes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from infrahub_server.auth.credentials import ApiToken, CredentialStore
from infrahub_server.errors import AuthenticationError, NodeNotFoundError, ValidationError
from infrahub_server.graphql.root_fields import mutation_field, query_field
from infrahub_server.graphql.selection import project

if TYPE_CHECKING:
    from graphql import FieldNode

    from infrahub_server.graphql.context import GraphQLContext
    from infrahub_server.graphql.selection import Request
    from infrahub_server.store import Reader


def _account_id(context: GraphQLContext) -> str:
    if context.account_id is None:
        raise AuthenticationError("Authentication is required to perform this operation")
    return context.account_id


def _expiration(token: ApiToken) -> str | None:
    if token.expires_at is None:
        return None
    return datetime.fromtimestamp(token.expires_at, UTC).isoformat()


def _expires_at(value: object) -> float | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"expiration {value!r} is not an ISO 8601 date and time") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


@query_field("InfrahubAccountToken")
def list_own_tokens(
    context: GraphQLContext,
    request: Request,
    reader: Reader,
    nodes: list[FieldNode],
    arguments: dict[str, Any],
) -> Any:
    tokens = CredentialStore(context.store.engine).list_api_tokens(_account_id(context))
    offset = int(arguments.get("offset") or 0)
    limit = arguments.get("limit")
    page = tokens[offset : None if limit is None else offset + int(limit)]
    edges = [{"node": {"id": t.id, "name": t.name, "expiration": _expiration(t)}} for t in page]
    return project(request, {"count": len(tokens), "edges": edges}, nodes, "AccountTokenEdges")


@mutation_field("InfrahubAccountTokenCreate")
def create_own_token(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    data = arguments.get("data") or {}
    plain, record = CredentialStore(context.store.engine).add_api_token(
        _account_id(context), name=data.get("name"), expires_at=_expires_at(data.get("expiration"))
    )
    payload = {"ok": True, "object": {"id": record.id, "token": {"value": plain}}}
    return dict(project(request, payload, nodes, "InfrahubAccountTokenCreate"))


@mutation_field("InfrahubAccountTokenDelete")
def delete_own_token(
    context: GraphQLContext, request: Request, nodes: list[FieldNode], arguments: dict[str, Any]
) -> dict[str, Any]:
    token_id = str((arguments.get("data") or {}).get("id") or "")
    if not CredentialStore(context.store.engine).delete_api_token(token_id, account_id=_account_id(context)):
        raise NodeNotFoundError(f"Unable to find the token {token_id} in the database.")
    return dict(project(request, {"ok": True}, nodes, "InfrahubAccountTokenDelete"))
