"""Values the server generates on first start and keeps in the database: the JWT signing key
(so tokens survive a restart when `INFRAHUB_SECURITY_SECRET_KEY` is unset) and the deployment id."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable

import sqlalchemy as sa

from infrahub_server.auth.tables import server_values
from infrahub_server.store.engine import read_transaction, write_transaction


def kept_value(engine: sa.Engine, name: str, make: Callable[[], str]) -> str:
    """The stored value called `name`, created with `make()` the first time. When two processes
    start at once, the first insert wins and both return its value."""
    query = sa.select(server_values.c.value).where(server_values.c.name == name)
    with read_transaction(engine) as conn:
        value = conn.execute(query).scalar_one_or_none()
    if value is not None:
        return str(value)
    try:
        with write_transaction(engine) as conn:
            conn.execute(server_values.insert().values(name=name, value=make()))
    except sa.exc.IntegrityError:
        pass
    with read_transaction(engine) as conn:
        return str(conn.execute(query).scalar_one())


def secret_key(engine: sa.Engine) -> str:
    return kept_value(engine, "security_secret_key", lambda: secrets.token_urlsafe(48))


def deployment_id(engine: sa.Engine) -> str:
    return kept_value(engine, "deployment_id", lambda: str(uuid.uuid4()))
