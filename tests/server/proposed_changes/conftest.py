from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager

import httpx
import pytest
from change_control_world import ChangeControlWorld
from starlette.applications import Starlette

from infrahub_server.app import create_app
from infrahub_server.settings import Settings


@pytest.fixture
def world(client: httpx.AsyncClient, app: Starlette) -> ChangeControlWorld:
    """A server whose proposed changes need no approval (the default setting)."""
    return ChangeControlWorld(client, app)


@pytest.fixture
async def strict_world(
    server_settings: Settings, serve: Callable[[Starlette], AbstractAsyncContextManager[httpx.AsyncClient]]
) -> AsyncIterator[ChangeControlWorld]:
    """A server started with INFRAHUB_POLICY_REQUIRED_PROPOSED_CHANGE_APPROVALS=1."""
    app = create_app(dataclasses.replace(server_settings, policy_required_proposed_change_approvals=1))
    async with serve(app) as client:
        yield ChangeControlWorld(client, app)
