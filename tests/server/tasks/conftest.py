"""A server whose task workers run in-process, with retries fast enough for tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from starlette.applications import Starlette

from infrahub_server.api.context import ServerContext
from infrahub_server.app import create_app
from infrahub_server.settings import Settings


@pytest.fixture
def task_settings(server_settings: Settings) -> Settings:
    return replace(server_settings, task_retry_delay=0.05)


@pytest.fixture
async def task_app(task_settings: Settings) -> AsyncIterator[Starlette]:
    app = create_app(task_settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
def task_server(task_app: Starlette) -> ServerContext:
    server: ServerContext = task_app.state.server
    return server


@pytest.fixture
async def queued_only(task_settings: Settings) -> AsyncIterator[ServerContext]:
    """A server with no task workers: what is submitted stays pending."""
    app = create_app(replace(task_settings, task_workers=0))
    async with app.router.lifespan_context(app):
        yield app.state.server
