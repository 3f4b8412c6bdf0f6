"""What one GraphQL request runs against, and the limits it runs under."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from infrahub_server.permissions import AccountPermissions
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.settings import Settings
from infrahub_server.store import Store


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """Refuse queries nested deeper than `max_depth` or with more than `max_fields` field selections."""

    max_depth: int = 24
    max_fields: int = 5_000
    max_query_bytes: int = 512_000


@dataclass(slots=True)
class GraphQLContext:
    """One request: the branch (and `at`, for time travel) it reads, the branch's processed
    schema, who asks (`account_id`, None when anonymous) and whether mutations are allowed.
    `permissions` are the caller's, checked before anything runs; None only for the server acting
    for itself (a task worker), which may do everything. `settings` are the server's (policies
    such as required approvals read them)."""

    store: Store
    branch: str
    schema: SchemaBranch
    at: datetime | None = None
    account_id: str | None = None
    allow_writes: bool = False
    deployment_id: str = ""
    limits: QueryLimits = field(default_factory=QueryLimits)
    permissions: AccountPermissions | None = None
    settings: Settings | None = None
