"""`client.branch`: list, create, merge, rebase, validate and delete branches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infrahub_sdk._branch_data import BRANCH_FIELDS, BranchData
from infrahub_sdk.exceptions import BranchNotFoundError
from infrahub_sdk.graphql import Mutation, Query

if TYPE_CHECKING:
    from .client import InfrahubClient


class InfrahubBranchManager:
    """Branch calls go to the default branch's GraphQL endpoint."""

    def __init__(self, client: InfrahubClient) -> None:
        self.client = client

    async def _mutate(
        self, mutation: str, branch_name: str, selection: dict[str, Any], timeout: int | None = None
    ) -> Any:
        query = Mutation(mutation=mutation, input_data={"data": {"name": branch_name}}, query=selection)
        response = await self.client.execute_graphql(
            query=query.render(),
            tracker=f"mutation-branch-{mutation[len('Branch') :].lower()}",
            timeout=timeout,
        )
        return response[mutation]

    async def create(
        self,
        branch_name: str,
        sync_with_git: bool = False,
        description: str = "",
        wait_until_completion: bool = True,
    ) -> BranchData | str:
        """The new branch, or the task id when `wait_until_completion=False`."""
        input_data = {
            "wait_until_completion": wait_until_completion,
            "data": {"name": branch_name, "description": description, "sync_with_git": sync_with_git},
        }
        selection = (
            {"ok": None, "object": BRANCH_FIELDS}
            if wait_until_completion
            else {"ok": None, "task": {"id": None}}
        )
        query = Mutation(mutation="BranchCreate", input_data=input_data, query=selection)
        response = await self.client.execute_graphql(query=query.render(), tracker="mutation-branch-create")
        if wait_until_completion:
            return BranchData(**response["BranchCreate"]["object"])
        return str(response["BranchCreate"]["task"]["id"])

    async def delete(self, branch_name: str) -> bool:
        return bool((await self._mutate("BranchDelete", branch_name, {"ok": None}))["ok"])

    async def rebase(self, branch_name: str) -> bool:
        result = await self._mutate("BranchRebase", branch_name, {"ok": None, "object": BRANCH_FIELDS})
        return bool(result["ok"])

    async def validate(self, branch_name: str) -> bool:
        return bool((await self._mutate("BranchValidate", branch_name, {"ok": None}))["ok"])

    async def merge(self, branch_name: str) -> bool:
        timeout = max(120, self.client.default_timeout)
        result = await self._mutate(
            "BranchMerge", branch_name, {"ok": None, "object": BRANCH_FIELDS}, timeout
        )
        return bool(result["ok"])

    async def all(self) -> dict[str, BranchData]:
        query = Query(name="GetAllBranch", query={"Branch": BRANCH_FIELDS})
        response = await self.client.execute_graphql(query=query.render(), tracker="query-branch-all")
        return {branch["name"]: BranchData(**branch) for branch in response["Branch"]}

    async def get(self, branch_name: str) -> BranchData:
        query = Query(
            name="GetBranch",
            query={"Branch": {**BRANCH_FIELDS, "@filters": {"name": "$branch_name"}}},
            variables={"branch_name": str},
        )
        response = await self.client.execute_graphql(
            query=query.render(),
            variables={"branch_name": branch_name},
            tracker="query-branch",
            operation_name="GetBranch",
        )
        if not response["Branch"]:
            raise BranchNotFoundError(identifier=branch_name)
        return BranchData(**response["Branch"][0])
