"""`InfrahubTransform`: a Python transform (`python_transforms` in `.infrahub.yml`)."""

from __future__ import annotations

import inspect
import os
from abc import abstractmethod
from typing import TYPE_CHECKING, Any

from .operation import InfrahubOperation

if TYPE_CHECKING:
    from ._async.client import InfrahubClient
    from ._async.node import InfrahubNode

INFRAHUB_TRANSFORM_VARIABLE_TO_IMPORT = "INFRAHUB_TRANSFORMS"


class InfrahubTransform(InfrahubOperation):
    """Subclass it with `query` (a stored query's name) and `transform(data)`, sync or async."""

    name: str | None = None
    query: str
    timeout: int = 60

    def __init__(
        self,
        client: InfrahubClient,
        infrahub_node: type[InfrahubNode],
        convert_query_response: bool = False,
        branch: str = "",
        root_directory: str = "",
        server_url: str = "",
    ) -> None:
        super().__init__(
            client=client,
            infrahub_node=infrahub_node,
            convert_query_response=convert_query_response,
            branch=branch,
            root_directory=root_directory,
        )
        self.server_url = server_url or os.environ.get("INFRAHUB_URL", "http://127.0.0.1:8000")
        self._client = client
        self.name = self.name or type(self).__name__
        if not getattr(self, "query", None):
            raise ValueError("A query must be provided")

    @property
    def client(self) -> InfrahubClient:
        return self._init_client

    @abstractmethod
    def transform(self, data: dict[str, Any]) -> Any:
        """Turn the query's data into the transform's output."""

    async def collect_data(self) -> dict[str, Any]:
        return await self.client.query_gql_query(name=self.query, branch_name=self.branch_name)

    async def run(self, data: dict[str, Any] | None = None) -> Any:
        """Transform `data`, or the stored query's result when none is given."""
        if not data:
            data = await self.collect_data()
        unpacked = data.get("data") or data
        await self.process_nodes(data=unpacked)
        if inspect.iscoroutinefunction(self.transform):
            return await self.transform(data=unpacked)
        return self.transform(data=unpacked)
