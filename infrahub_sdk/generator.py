"""`InfrahubGenerator`: a generator (`generator_definitions` in `.infrahub.yml`).

`run()` tracks every node saved by `generate()` in a group named after the run, and deletes the
nodes an earlier run produced that this one did not: save with `allow_upsert=True` and re-runs
converge.
"""

from __future__ import annotations

import logging
from abc import abstractmethod
from typing import TYPE_CHECKING, Any

from .exceptions import UninitializedError
from .operation import InfrahubOperation

if TYPE_CHECKING:
    from ._async.client import InfrahubClient
    from ._async.node import InfrahubNode
    from .context import RequestContext


class InfrahubGenerator(InfrahubOperation):
    def __init__(
        self,
        query: str,
        client: InfrahubClient,
        infrahub_node: type[InfrahubNode],
        branch: str = "",
        root_directory: str = "",
        generator_instance: str = "",
        params: dict[str, Any] | None = None,
        convert_query_response: bool = False,
        execute_in_proposed_change: bool = True,
        execute_after_merge: bool = True,
        logger: logging.Logger | None = None,
        request_context: RequestContext | None = None,
    ) -> None:
        self.query = query
        super().__init__(
            client=client,
            infrahub_node=infrahub_node,
            convert_query_response=convert_query_response,
            branch=branch,
            root_directory=root_directory,
        )
        self.params = params or {}
        self.generator_instance = generator_instance
        self._client: InfrahubClient | None = None
        self.logger = logger or logging.getLogger("infrahub.tasks")
        self.request_context = request_context
        self.execute_in_proposed_change = execute_in_proposed_change
        self.execute_after_merge = execute_after_merge

    @property
    def subscribers(self) -> list[str] | None:
        return [self.generator_instance] if self.generator_instance else None

    @property
    def client(self) -> InfrahubClient:
        if self._client is None:
            raise UninitializedError("The client has not been initialized")
        return self._client

    @client.setter
    def client(self, value: InfrahubClient) -> None:
        self._client = value

    async def collect_data(self) -> dict[str, Any]:
        data = await self._init_client.query_gql_query(
            name=self.query,
            branch_name=self.branch_name,
            variables=self.params,
            update_group=True,
            subscribers=self.subscribers,
        )
        result: dict[str, Any] = data.get("data") or data
        return result

    async def run(self, identifier: str, data: dict[str, Any] | None = None) -> None:
        """Generate from `data` (or the stored query's result), tracked under `identifier`."""
        if not data:
            data = await self.collect_data()
        unpacked = data.get("data") or data
        await self.process_nodes(data=unpacked)
        group_type = "CoreGeneratorGroup" if self.execute_after_merge else "CoreGeneratorAwareGroup"
        async with self._init_client.start_tracking(
            identifier=identifier, params=self.params, delete_unused_nodes=True, group_type=group_type
        ) as self.client:
            await self.generate(data=unpacked)

    @abstractmethod
    async def generate(self, data: dict[str, Any]) -> None:
        """Create or update nodes with `self.client`, idempotently (`save(allow_upsert=True)`)."""
