"""Request building and response reading shared by both clients (no I/O)."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from .exceptions import (
    AuthenticationError,
    GraphQLError,
    JsonDecodeError,
    URLNotFoundError,
)
from .timestamp import Timestamp

EXPIRED_SIGNATURE = "Expired Signature"


def graphql_url(address: str, branch_name: str | None, at: str | datetime | Timestamp | None = None) -> str:
    url = f"{address}/graphql"
    if branch_name:
        url += f"/{quote(branch_name, safe='')}"
    if at:
        url += "?" + urlencode({"at": Timestamp(at).to_string()})
    return url


def stored_query_url(
    address: str,
    name: str,
    branch: str,
    update_group: bool,
    at: str | None = None,
    subscribers: list[str] | None = None,
    params: dict[str, Any] | None = None,
) -> str:
    """`/api/query/<name>?<params>&branch=..&update_group=..&` with one `subscribers=` per subscriber."""
    single: dict[str, Any] = {}
    repeated: list[tuple[str, Any]] = []
    for key, value in {**(params or {}), "branch": branch}.items():
        if isinstance(value, list):
            repeated.extend((key, item) for item in value)
        else:
            single[key] = value
    if at:
        single["at"] = at
    repeated.extend(("subscribers", item) for item in subscribers or [])
    single["update_group"] = str(update_group).lower()
    return f"{address}/api/query/{name}?" + urlencode(single) + "&" + urlencode(repeated)


def decode_json(response: httpx.Response) -> dict[str, Any]:
    try:
        body: dict[str, Any] = response.json()
    except json.JSONDecodeError as exc:
        raise JsonDecodeError(content=response.text, url=str(response.request.url)) from exc
    return body


def error_messages(response: httpx.Response) -> list[str]:
    try:
        errors = response.json().get("errors") or []
    except (json.JSONDecodeError, AttributeError):
        return []
    return [str(error.get("message")) for error in errors if isinstance(error, dict)]


def is_expired_signature(response: httpx.Response) -> bool:
    return response.status_code == 401 and EXPIRED_SIGNATURE in error_messages(response)


def graphql_data(
    response: httpx.Response, url: str, query: str, variables: dict[str, Any] | None
) -> dict[str, Any]:
    """The `data` of a GraphQL answer; 401/403, 404 and `errors` become exceptions."""
    if response.status_code in {401, 403}:
        raise AuthenticationError(" | ".join(error_messages(response)))
    if response.status_code == 404:
        raise URLNotFoundError(url=url)
    body = decode_json(response)
    if "errors" in body:
        raise GraphQLError(errors=body["errors"], query=query, variables=variables)
    data: dict[str, Any] = body["data"]
    return data


def user_permissions(groups: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Permission identifiers per account group, from the `AccountProfile` answer."""
    permissions: dict[str, list[str]] = {}
    for group in groups:
        node = group["node"]
        names = permissions.setdefault(node["display_label"], [])
        for role in node.get("roles", {}).get("edges", []):
            for permission in role["node"]["permissions"]["edges"]:
                names.append(permission["node"]["identifier"]["value"])
    return permissions


def echo_query(url: str, query: str, variables: dict[str, Any] | None) -> None:
    """`echo_graphql_queries=True`: the user asked to see each request on stdout."""
    text = f"URL: {url}\nQUERY:\n{query}\n"
    if variables:
        text += f"VARIABLES:\n{json.dumps(variables, indent=4)}\n\n"
    sys.stdout.write(text)
