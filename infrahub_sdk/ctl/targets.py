"""The inputs of a local run: CLI variables, or one set per member of the definition's target group."""

from __future__ import annotations

from typing import Any

from infrahub_sdk._async.client import InfrahubClient


async def target_variables(
    client: InfrahubClient,
    targets: str | None,
    parameters: dict[str, Any],
    cli_variables: dict[str, str],
    branch: str | None,
) -> list[dict[str, Any]]:
    """`[cli_variables]` when given or when there is no target group; otherwise, for each member of
    `targets`, the definition's parameters read from it (`{"name": "name__value"}` -> `{"name": "dc1"}`)."""
    if cli_variables or not targets:
        return [dict(cli_variables)]
    group = await client.get(kind="CoreGroup", name__value=targets, include=["members"], branch=branch)
    members = group.members
    await members.fetch()
    return [await member.peer.extract(params=parameters) for member in members.peers]
