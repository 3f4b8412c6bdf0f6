"""`RequestContext`: the account a mutation acts for, and the request priority."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .constants import Priority


class ContextAccount(BaseModel):
    id: str = Field(..., description="The ID of the account")


class RequestContext(BaseModel):
    account: ContextAccount | None = None
    priority: Priority | None = Field(
        default=None, description="Sent as X-Priority, not in the mutation body"
    )
