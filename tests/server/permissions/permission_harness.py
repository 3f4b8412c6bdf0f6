"""A served app with one account per seeded role (each in its own group), API tokens for them,
and the GraphQL/REST calls the permission tests make."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
import httpx
from starlette.applications import Starlette

from infrahub_server.api.context import ServerContext

ADMIN_TOKEN = "06438eb2-8019-4776-878c-0941b1f1d1ec"
SEEDED_ROLES = ("Super Administrator", "General Access", "Proposed Change Reviewer")
ADMIN = "admin"


@dataclass
class Outcome:
    status: int
    body: dict[str, Any]

    @property
    def verdict(self) -> str:
        """`allow`, `deny` (403), `auth` (401) or `error:<CODE>` for a refusal that is not about permissions."""
        if self.status == 403:
            return "deny"
        if self.status == 401:
            return "auth"
        errors = self.body.get("errors")
        if not errors:
            return "allow" if self.status == 200 else f"status:{self.status}"
        return f"error:{errors[0].get('extensions', {}).get('code')}"


@dataclass
class PermissionWorld:
    client: httpx.AsyncClient
    app: Starlette
    tokens: dict[str, str] = field(default_factory=dict)
    account_ids: dict[str, str] = field(default_factory=dict)
    group_ids: dict[str, str] = field(default_factory=dict)

    @property
    def server(self) -> ServerContext:
        context: ServerContext = self.app.state.server
        return context

    def headers(self, who: str | None) -> dict[str, str]:
        if who is None:
            return {}
        return {"X-INFRAHUB-KEY": ADMIN_TOKEN if who == ADMIN else self.tokens[who]}

    async def graphql(
        self, who: str | None, query: str, variables: dict[str, Any] | None = None, branch: str = "main"
    ) -> Outcome:
        response = await self.client.post(
            f"/graphql/{branch}",
            json={"query": query, "variables": variables or {}},
            headers=self.headers(who),
        )
        return Outcome(response.status_code, response.json())

    async def data(self, query: str, variables: dict[str, Any] | None = None, branch: str = "main") -> Any:
        """Run as admin and return `data`, failing on any error."""
        outcome = await self.graphql(ADMIN, query, variables, branch)
        assert outcome.status == 200, outcome.body
        assert not outcome.body.get("errors"), outcome.body
        return outcome.body["data"]

    async def rest(self, who: str | None, method: str, path: str, **kwargs: Any) -> Outcome:
        response = await self.client.request(method, path, headers=self.headers(who), **kwargs)
        body = (
            response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
        )
        return Outcome(response.status_code, body if isinstance(body, dict) else {"data": body})

    async def node_id(self, kind: str, name: str, branch: str = "main") -> str:
        query = f'query {{ {kind}(name__value: "{name}") {{ edges {{ node {{ id }} }} }} }}'
        edges = (await self.data(query, branch=branch))[kind]["edges"]
        assert len(edges) == 1, (kind, name, edges)
        return str(edges[0]["node"]["id"])

    async def add_account(self, name: str, roles: tuple[str, ...]) -> None:
        """An account in a group of its own holding `roles`, with an API token."""
        created = await self.data(
            "mutation($name: String!) { CoreAccountCreate(data: {name: {value: $name},"
            ' password: {value: "secret-password"}}) { object { id } } }',
            {"name": name},
        )
        account_id = created["CoreAccountCreate"]["object"]["id"]
        role_ids = [{"id": await self.node_id("CoreAccountRole", role)} for role in roles]
        group = await self.data(
            "mutation($name: String!, $roles: [RelatedNodeInput], $members: [RelatedNodeInput]) {"
            " CoreAccountGroupCreate(data: {name: {value: $name}, roles: $roles, members: $members})"
            " { object { id } } }",
            {"name": f"group of {name}", "roles": role_ids, "members": [{"id": account_id}]},
        )
        token, _ = await anyio.to_thread.run_sync(
            lambda: self.server.credentials.add_api_token(account_id, name="tests")
        )
        self.account_ids[name] = account_id
        self.group_ids[name] = group["CoreAccountGroupCreate"]["object"]["id"]
        self.tokens[name] = token

    async def create_tag(self, name: str, branch: str = "main") -> str:
        created = await self.data(
            "mutation($name: String!) { BuiltinTagCreate(data: {name: {value: $name}}) { object { id } } }",
            {"name": name},
            branch,
        )
        return str(created["BuiltinTagCreate"]["object"]["id"])

    async def tag_names(self, branch: str = "main") -> set[str]:
        data = await self.data("{ BuiltinTag { edges { node { name { value } } } } }", branch=branch)
        return {edge["node"]["name"]["value"] for edge in data["BuiltinTag"]["edges"]}

    async def create_branch(self, name: str) -> None:
        await self.data(
            "mutation($name: String!) { BranchCreate(wait_until_completion: true, data: {name: $name}) { ok } }",
            {"name": name},
        )
