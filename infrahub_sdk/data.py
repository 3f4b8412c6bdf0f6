"""Plain data the clients return: server information and repositories."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ServerInfo(BaseModel):
    version: str = ""
    deployment_id: str = ""


class RepositoryBranchInfo(BaseModel):
    internal_status: str


class RepositoryData(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    repository: Any = Field(..., description="The repository node (InfrahubNode or InfrahubNodeSync)")
    branches: dict[str, str] = Field(..., description="Active commit per branch name")
    branch_info: dict[str, RepositoryBranchInfo] = Field(default_factory=dict)

    def get_staging_branch(self) -> str | None:
        return next(
            (name for name, info in self.branch_info.items() if info.internal_status == "staging"), None
        )
