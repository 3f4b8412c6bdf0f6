"""A served app, accounts in the seeded "Infrahub Users" group with API tokens, and the GraphQL
calls the proposed-change tests make."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import anyio
import anyio.to_thread
import httpx
from starlette.applications import Starlette

from infrahub_server.api.context import ServerContext

ADMIN_TOKEN = "06438eb2-8019-4776-878c-0941b1f1d1ec"
ADMIN = "admin"

VALIDATIONS = """
query($id: ID!) { CoreProposedChange(ids: [$id]) { edges { node {
  state { value } is_draft { value }
  approved_by { edges { node { id } } } rejected_by { edges { node { id } } }
  validations { edges { node {
    __typename label { value } state { value } conclusion { value }
    started_at { value } completed_at { value }
    checks { edges { node {
      __typename id label { value } conclusion { value } severity { value } message { value }
      ... on CoreDataCheck { keep_branch { value } enriched_conflict_id { value } conflicts { value } }
    } } }
  } } }
} } } }
"""


@dataclass
class Answer:
    status: int
    body: dict[str, Any]

    @property
    def data(self) -> Any:
        assert self.status == 200, self.body
        assert not self.body.get("errors"), self.body
        return self.body["data"]

    @property
    def error(self) -> str:
        errors = self.body.get("errors")
        assert errors, self.body
        return str(errors[0]["message"])


@dataclass
class ChangeControlWorld:
    client: httpx.AsyncClient
    app: Starlette
    tokens: dict[str, str] = field(default_factory=dict)
    account_ids: dict[str, str] = field(default_factory=dict)

    @property
    def server(self) -> ServerContext:
        context: ServerContext = self.app.state.server
        return context

    async def graphql(
        self, who: str, query: str, variables: dict[str, Any] | None = None, branch: str = "main"
    ) -> Answer:
        token = ADMIN_TOKEN if who == ADMIN else self.tokens[who]
        response = await self.client.post(
            f"/graphql/{branch}",
            json={"query": query, "variables": variables or {}},
            headers={"X-INFRAHUB-KEY": token},
        )
        return Answer(response.status_code, response.json())

    async def data(
        self, who: str, query: str, variables: dict[str, Any] | None = None, branch: str = "main"
    ) -> Any:
        return (await self.graphql(who, query, variables, branch)).data

    async def rest(self, who: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        token = ADMIN_TOKEN if who == ADMIN else self.tokens[who]
        return await self.client.request(method, path, headers={"X-INFRAHUB-KEY": token}, **kwargs)

    async def add_user(self, name: str) -> str:
        """An account created by the admin through GraphQL, member of "Infrahub Users"."""
        created = await self.data(
            ADMIN,
            "mutation($name: String!) { CoreAccountCreate(data: {name: {value: $name},"
            ' password: {value: "secret-password"}}) { object { id } } }',
            {"name": name},
        )
        account_id = str(created["CoreAccountCreate"]["object"]["id"])
        groups = await self.data(
            ADMIN, '{ CoreAccountGroup(name__value: "Infrahub Users") { edges { node { id } } } }'
        )
        group_id = groups["CoreAccountGroup"]["edges"][0]["node"]["id"]
        await self.data(
            ADMIN,
            'mutation($group: String!, $account: String!) { RelationshipAdd(data: {id: $group, name: "members",'
            " nodes: [{id: $account}]}) { ok } }",
            {"group": group_id, "account": account_id},
        )
        token, _ = await anyio.to_thread.run_sync(
            lambda: self.server.credentials.add_api_token(account_id, name="tests")
        )
        self.account_ids[name] = account_id
        self.tokens[name] = token
        return account_id

    async def create_branch(self, who: str, name: str) -> None:
        await self.data(
            who, "mutation($name: String!) { BranchCreate(data: {name: $name}) { ok } }", {"name": name}
        )

    async def create_tag(self, who: str, name: str, branch: str = "main", description: str = "") -> str:
        created = await self.data(
            who,
            "mutation($name: String!, $description: String) { BuiltinTagCreate(data: {name: {value: $name},"
            " description: {value: $description}}) { object { id } } }",
            {"name": name, "description": description},
            branch,
        )
        return str(created["BuiltinTagCreate"]["object"]["id"])

    async def describe_tag(self, who: str, tag_id: str, description: str, branch: str = "main") -> None:
        await self.data(
            who,
            "mutation($id: String!, $description: String) { BuiltinTagUpdate(data: {id: $id,"
            " description: {value: $description}}) { ok } }",
            {"id": tag_id, "description": description},
            branch,
        )

    async def tag_description(self, tag_id: str, branch: str = "main") -> str:
        data = await self.data(
            ADMIN,
            "query($id: ID!) { BuiltinTag(ids: [$id]) { edges { node { description { value } } } } }",
            {"id": tag_id},
            branch,
        )
        return str(data["BuiltinTag"]["edges"][0]["node"]["description"]["value"])

    async def open_change(
        self, who: str, source: str, *, name: str = "change", is_draft: bool = False
    ) -> Answer:
        return await self.graphql(
            who,
            "mutation($name: String!, $source: String!, $draft: Boolean) { CoreProposedChangeCreate(data: {"
            ' name: {value: $name}, source_branch: {value: $source}, destination_branch: {value: "main"},'
            " is_draft: {value: $draft}}) { ok object { id state { value } } } }",
            {"name": name, "source": source, "draft": is_draft},
        )

    async def change(self, change_id: str) -> dict[str, Any]:
        data = await self.data(ADMIN, VALIDATIONS, {"id": change_id})
        return dict(data["CoreProposedChange"]["edges"][0]["node"])

    async def validated_change(
        self,
        change_id: str,
        *,
        after: str | None = None,
        kinds: tuple[str, ...] = ("CoreDataValidator", "CoreSchemaValidator"),
        timeout: float = 15,
    ) -> dict[str, Any]:
        """The change once its validators of `kinds` completed (having started after `after`)."""
        deadline = time.monotonic() + timeout
        while True:
            change = await self.change(change_id)
            done = {
                edge["node"]["__typename"]
                for edge in change["validations"]["edges"]
                if edge["node"]["state"]["value"] == "completed"
                and (after is None or edge["node"]["started_at"]["value"] > after)
            }
            if done >= set(kinds):
                return change
            assert time.monotonic() < deadline, change
            await anyio.sleep(0.05)

    async def review(self, who: str, change_id: str, decision: str) -> Answer:
        return await self.graphql(
            who,
            "mutation($id: String!, $decision: ProposedChangeApprovalDecision!) {"
            " CoreProposedChangeReview(data: {id: $id, decision: $decision}) { ok } }",
            {"id": change_id, "decision": decision},
        )

    async def merge(self, who: str, change_id: str) -> Answer:
        return await self.graphql(
            who,
            "mutation($id: String!) { CoreProposedChangeMerge(data: {id: $id}) { ok task { id } } }",
            {"id": change_id},
        )

    async def set_state(self, who: str, change_id: str, state: str) -> Answer:
        return await self.graphql(
            who,
            "mutation($id: String!, $state: String) { CoreProposedChangeUpdate(data: {id: $id,"
            " state: {value: $state}}) { ok object { state { value } } } }",
            {"id": change_id, "state": state},
        )


def validator(change: dict[str, Any], kind: str) -> dict[str, Any]:
    found = [edge["node"] for edge in change["validations"]["edges"] if edge["node"]["__typename"] == kind]
    assert len(found) == 1, change["validations"]
    return found[0]


def checks(validator_node: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in validator_node["checks"]["edges"]]
