from __future__ import annotations

import httpx
import pytest
from permission_harness import PermissionWorld
from starlette.applications import Starlette


@pytest.fixture
def world(client: httpx.AsyncClient, app: Starlette) -> PermissionWorld:
    return PermissionWorld(client, app)
