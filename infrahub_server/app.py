"""The application factory: `create_app(settings)` builds the ASGI app; its lifespan opens the
store, loads or initialises the schema, seeds the first start and closes the store at shutdown.

Nothing happens at import: no environment variable is read and no file is opened.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware

from infrahub_server.api.context import ServerContext
from infrahub_server.api.errors import EXCEPTION_HANDLERS
from infrahub_server.api.routes import routes
from infrahub_server.api.schema_registry import SchemaRegistry
from infrahub_server.auth.accounts import AccountDirectory
from infrahub_server.auth.credentials import CredentialStore
from infrahub_server.auth.seed import seed_first_start
from infrahub_server.auth.server_values import deployment_id, secret_key
from infrahub_server.auth.sessions import Authenticator
from infrahub_server.auth.tables import create_tables
from infrahub_server.ipam import prepare_ipam
from infrahub_server.middleware.body_limit import BodyLimitMiddleware
from infrahub_server.middleware.metrics import MetricsMiddleware, RequestMetrics
from infrahub_server.middleware.timeout import TimeoutMiddleware
from infrahub_server.proposed_changes.merging import settle_interrupted_merges
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.settings import Settings, load_settings
from infrahub_server.store import Store
from infrahub_server.tasks import TaskQueue, TaskWorkers
from infrahub_server.tasks.tables import create_task_tables

logger = logging.getLogger(__name__)


def start_server(settings: Settings, metrics: RequestMetrics) -> ServerContext:
    """Open everything a running server needs (synchronous: database work)."""
    store = Store.open(settings.database_url, default_branch=settings.default_branch)
    try:
        schemas = SchemaRegistry(store)
        default_schema = schemas.initialise()
        create_tables(store.engine)
        create_task_tables(store.engine)
        credentials = CredentialStore(store.engine)
        seed_first_start(store, credentials, settings, default_schema)
        prepare_ipam(store)
        settle_interrupted_merges(store)
        key = settings.security_secret_key or secret_key(store.engine)
        accounts = AccountDirectory(store)
        authenticator = Authenticator(
            secret_key=key,
            credentials=credentials,
            account_is_active=accounts.is_active,
        )
        return ServerContext(
            settings=settings,
            store=store,
            schemas=schemas,
            credentials=credentials,
            accounts=accounts,
            authenticator=authenticator,
            secret_key=key,
            deployment_id=deployment_id(store.engine),
            metrics=metrics,
            tasks=TaskQueue(store.engine),
        )
    except BaseException:
        store.close()
        raise


def _prepare_graphql(schema: SchemaBranch) -> None:
    """Import the GraphQL layer and build the default branch's GraphQL schema (about 0.7 s), so
    the first GraphQL request does not pay for it; runs beside the requests already served."""
    try:
        from infrahub_server.graphql import graphql_schema_for

        graphql_schema_for(schema)
    except Exception:
        logger.exception("Preparing the GraphQL schema failed; the first GraphQL request will retry")


def create_app(settings: Settings) -> Starlette:
    metrics = RequestMetrics()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        context = await anyio.to_thread.run_sync(start_server, settings, metrics)
        app.state.server = context
        schema = await anyio.to_thread.run_sync(context.schemas.for_branch_name, context.store.default_branch)
        threading.Thread(target=_prepare_graphql, args=(schema,), name="prepare-graphql", daemon=True).start()
        workers = TaskWorkers(context, settings.task_workers)
        try:
            await anyio.to_thread.run_sync(workers.start)
            logger.info("infrahub-lite ready on %s", context.store.dialect)
            yield
        finally:
            await anyio.to_thread.run_sync(workers.stop)
            await anyio.to_thread.run_sync(context.store.close)

    return Starlette(
        routes=routes(),
        middleware=[
            Middleware(MetricsMiddleware, metrics=metrics),
            Middleware(TimeoutMiddleware, seconds=settings.request_timeout),
            Middleware(BodyLimitMiddleware, max_body_bytes=settings.max_request_body_bytes),
        ],
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
    )


def create_app_from_environment() -> Starlette:
    """The factory each worker process calls when the server runs several (`--workers N`)."""
    return create_app(load_settings(os.environ))
