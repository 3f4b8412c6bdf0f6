"""`client.schema`: the schema of each branch, fetched once and cached by branch."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import httpx

from infrahub_sdk.exceptions import (
    BranchNotFoundError,
    InvalidResponseError,
    JsonDecodeError,
    SchemaNotFoundError,
)
from infrahub_sdk.graphql import Mutation
from infrahub_sdk.queries import SCHEMA_HASH_SYNC_STATUS
from infrahub_sdk.schema._base import InfrahubSchemaBase
from infrahub_sdk.schema.export import SchemaExport, build_export
from infrahub_sdk.schema.main import (
    AttributeSchemaAPI,
    BranchSchema,
    MainSchemaTypesAPI,
    SchemaLoadResponse,
)
from infrahub_sdk.store import get_schema_name

if TYPE_CHECKING:
    from infrahub_sdk.schema._base import InfrahubNodeTypes

    from .client import InfrahubClient


_LOAD_ERROR_STATUSES = {400, 401, 403, 422}


class InfrahubSchema(InfrahubSchemaBase):
    client: InfrahubClient

    async def get(
        self, kind: type | str, branch: str | None = None, refresh: bool = False, timeout: int | None = None
    ) -> MainSchemaTypesAPI:
        """One kind; a miss refetches the branch once, then raises `SchemaNotFoundError`."""
        branch = branch or self.client.default_branch
        name = get_schema_name(kind) or ""
        cached = self.cache.get(branch)
        if not refresh and cached is not None and name in cached.nodes:
            return cached.nodes[name]
        self.cache[branch] = await self._fetch(branch)
        if name in self.cache[branch].nodes:
            return self.cache[branch].nodes[name]
        raise SchemaNotFoundError(identifier=name)

    async def all(
        self,
        branch: str | None = None,
        refresh: bool = False,
        namespaces: list[str] | None = None,
        schema_hash: str | None = None,
    ) -> dict[str, MainSchemaTypesAPI]:
        branch = branch or self.client.default_branch
        cached = self.cache.get(branch)
        if refresh and cached is not None and schema_hash and cached.hash == schema_hash:
            refresh = False
        if refresh or cached is None:
            self.cache[branch] = await self._fetch(branch, namespaces)
        return dict(self.cache[branch].nodes)

    async def fetch(
        self,
        branch: str,
        namespaces: list[str] | None = None,
        timeout: int | None = None,
        populate_cache: bool = True,
    ) -> dict[str, MainSchemaTypesAPI]:
        branch_schema = await self._fetch(branch, namespaces)
        if populate_cache:
            self.cache[branch] = branch_schema
        return dict(branch_schema.nodes)

    async def _fetch(self, branch: str, namespaces: list[str] | None = None) -> BranchSchema:
        query = urlencode([("branch", branch), *(("namespaces", ns) for ns in namespaces or [])])
        response = await self.client._get(f"{self.client.address}/api/schema?{query}")
        if response.status_code == 400:
            raise BranchNotFoundError(
                identifier=branch, message=f"The requested branch was not found on the server [{branch}]"
            )
        response.raise_for_status()
        try:
            body = response.json()
        except ValueError as exc:
            raise JsonDecodeError(content=response.text, url=str(response.url)) from exc
        return BranchSchema.from_api_response(body)

    async def load(
        self, schemas: list[dict[str, Any]], branch: str | None = None, wait_until_converged: bool = False
    ) -> SchemaLoadResponse:
        """`POST /api/schema/load`; refusals (400/401/403/422) come back in `.errors`, not raised."""
        branch = branch or self.client.default_branch
        response = await self.client._post(
            f"{self.client.address}/api/schema/load?branch={branch}",
            payload={"schemas": schemas},
            timeout=max(120, self.client.default_timeout),
        )
        # The branch's GraphQL schema follows its schema: fetch it again before the next validation.
        self.client._graphql_schemas.pop(branch, None)
        if wait_until_converged:
            await self.wait_until_converged(branch=branch)
        if response.status_code == 200:
            body = response.json()
            return SchemaLoadResponse(
                hash=body["hash"], previous_hash=body["previous_hash"], warnings=body.get("warnings") or []
            )
        if response.status_code in _LOAD_ERROR_STATUSES:
            return SchemaLoadResponse(errors=response.json())
        response.raise_for_status()
        raise InvalidResponseError(
            message=f"Invalid response received from server HTTP {response.status_code}"
        )

    async def check(
        self, schemas: list[dict[str, Any]], branch: str | None = None
    ) -> tuple[bool, dict[str, Any] | None]:
        """`POST /api/schema/check`: `(True, diff)` on 202, `(False, errors)` on 422."""
        branch = branch or self.client.default_branch
        response = await self.client._post(
            f"{self.client.address}/api/schema/check?branch={branch}",
            payload={"schemas": schemas},
            timeout=max(120, self.client.default_timeout),
        )
        if response.status_code == httpx.codes.ACCEPTED:
            return True, response.json()
        if response.status_code == httpx.codes.UNPROCESSABLE_ENTITY:
            return False, response.json()
        response.raise_for_status()
        return False, None

    async def in_sync(self, branch: str | None = None) -> bool:
        response = await self.client.execute_graphql(query=SCHEMA_HASH_SYNC_STATUS, branch_name=branch)
        return bool(response["InfrahubStatus"]["summary"]["schema_hash_synced"])

    async def wait_until_converged(self, branch: str | None = None) -> None:
        """Poll once a second, up to `schema_converge_timeout`; then log a warning and go on."""
        waited = 0
        while not await self.in_sync(branch=branch):
            if waited >= self.client.config.schema_converge_timeout:
                self.client.log.warning(
                    "Schema not converged after %d seconds, proceeding regardless", waited
                )
                return
            waited += 1
            await asyncio.sleep(1)
        self.client.log.info("Schema successfully converged after %d seconds", waited)

    async def export(self, branch: str | None = None, namespaces: list[str] | None = None) -> SchemaExport:
        branch = branch or self.client.default_branch
        schemas = await self.fetch(branch=branch, namespaces=namespaces, populate_cache=False)
        return build_export(schemas, namespaces)

    async def _attribute_schema(
        self, kind: str | InfrahubNodeTypes, attribute: str, branch: str | None
    ) -> tuple[str, AttributeSchemaAPI]:
        kind_name = kind if isinstance(kind, str) else kind.get_kind()
        node_schema = await self.get(kind=kind_name, branch=branch)
        attribute_schema = node_schema.get_attribute_or_none(attribute)
        if attribute_schema is None:
            raise ValueError(f"Unable to find attribute {attribute}")
        return kind_name, attribute_schema

    async def _change_option(
        self, mutation: str, data: dict[str, Any], branch: str | None, tracker: str
    ) -> None:
        query = Mutation(mutation=mutation, input_data={"data": data}, query={"ok": None})
        await self.client.execute_graphql(
            query=query.render(),
            branch_name=branch,
            tracker=tracker,
            timeout=max(60, self.client.default_timeout),
        )

    async def add_enum_option(
        self, kind: str | InfrahubNodeTypes, attribute: str, option: str | int, branch: str | None = None
    ) -> None:
        await self._change_enum("SchemaEnumAdd", kind, attribute, option, branch, "mutation-add-add")

    async def remove_enum_option(
        self, kind: str | InfrahubNodeTypes, attribute: str, option: str | int, branch: str | None = None
    ) -> None:
        await self._change_enum("SchemaEnumRemove", kind, attribute, option, branch, "mutation-remove-add")

    async def _change_enum(
        self,
        mutation: str,
        kind: str | InfrahubNodeTypes,
        attribute: str,
        option: str | int,
        branch: str | None,
        tracker: str,
    ) -> None:
        kind_name, attribute_schema = await self._attribute_schema(kind, attribute, branch)
        if attribute_schema.enum is None:
            raise ValueError(f"Attribute '{attribute_schema.name}' is not of kind Enum")
        data = {"kind": kind_name, "attribute": attribute_schema.name, "enum": option}
        await self._change_option(mutation, data, branch, tracker)

    async def add_dropdown_option(
        self,
        kind: str | InfrahubNodeTypes,
        attribute: str,
        option: str,
        color: str | None = "",
        description: str | None = "",
        label: str | None = "",
        branch: str | None = None,
    ) -> None:
        extra = {"color": color, "description": description, "label": label}
        await self._change_dropdown("SchemaDropdownAdd", kind, attribute, option, branch, extra)

    async def remove_dropdown_option(
        self, kind: str | InfrahubNodeTypes, attribute: str, option: str, branch: str | None = None
    ) -> None:
        await self._change_dropdown("SchemaDropdownRemove", kind, attribute, option, branch, {})

    async def _change_dropdown(
        self,
        mutation: str,
        kind: str | InfrahubNodeTypes,
        attribute: str,
        option: str,
        branch: str | None,
        extra: dict[str, Any],
    ) -> None:
        kind_name, attribute_schema = await self._attribute_schema(kind, attribute, branch)
        if attribute_schema.kind != "Dropdown":
            raise ValueError(f"Attribute '{attribute_schema.name}' is not of kind Dropdown")
        data = {"kind": kind_name, "attribute": attribute_schema.name, "dropdown": option, **extra}
        tracker = "mutation-add-remove" if mutation.endswith("Add") else "mutation-remove-remove"
        await self._change_option(mutation, data, branch, tracker)

    async def get_graphql_schema(self, branch: str | None = None) -> str:
        return await self.client._fetch_graphql_sdl(branch or self.client.default_branch)
