"""`InfrahubCheck`: a check (`check_definitions` in `.infrahub.yml`); it passes when it logs no error."""

from __future__ import annotations

import inspect
import json
import sys
import warnings
from abc import abstractmethod
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from ._async.client import InfrahubClient
from .config import git_branch
from .exceptions import UninitializedError

INFRAHUB_CHECK_VARIABLE_TO_IMPORT = "INFRAHUB_CHECKS"


class InfrahubCheckInitializer(BaseModel):
    """Who asked for the check."""

    proposed_change_id: str = Field(
        default="", description="The proposed change that requested the check, if any"
    )


class InfrahubCheck:
    """Subclass it with `query` (a stored query's name) and `validate(data)`, calling `log_error`/`log_info`."""

    name: str | None = None
    query: str = ""
    timeout: int = 60

    def __init__(
        self,
        branch: str | None = None,
        root_directory: str = "",
        output: str | None = None,
        initializer: InfrahubCheckInitializer | None = None,
        params: dict[str, Any] | None = None,
        client: InfrahubClient | None = None,
    ) -> None:
        self.initializer = initializer or InfrahubCheckInitializer()
        self.logs: list[dict[str, Any]] = []
        self.passed = False
        self.output = output
        self.branch = branch
        self.params = params or {}
        self.root_directory = root_directory or str(Path.cwd())
        self._client = client
        self.name = self.name or type(self).__name__
        if not self.query:
            raise ValueError("A query must be provided")

    def __str__(self) -> str:
        return type(self).__name__

    @classmethod
    async def init(cls, client: InfrahubClient | None = None, *args: Any, **kwargs: Any) -> InfrahubCheck:
        """Deprecated: build the check with a client (a default `InfrahubClient` when none is given)."""
        warnings.warn(
            "InfrahubCheck.init has been deprecated and will be removed in version 2.0.0 of the Infrahub Python SDK",
            DeprecationWarning,
            stacklevel=2,
        )
        kwargs["client"] = client or InfrahubClient()
        return cls(*args, **kwargs)

    @property
    def client(self) -> InfrahubClient:
        if self._client is None:
            raise UninitializedError(message="This check has not been initialized with a client")
        return self._client

    @client.setter
    def client(self, value: InfrahubClient) -> None:
        self._client = value

    @property
    def branch_name(self) -> str:
        """The branch given, else the one checked out in `root_directory`."""
        if not self.branch:
            self.branch = git_branch(self.root_directory) or "main"
        return self.branch

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [log for log in self.logs if log["level"] == "ERROR"]

    def _write_log_entry(
        self, message: str, level: str, object_id: str | None = None, object_type: str | None = None
    ) -> None:
        entry: dict[str, Any] = {"level": level, "message": message, "branch": self.branch_name}
        if object_id:
            entry["object_id"] = object_id
        if object_type:
            entry["object_type"] = object_type
        self.logs.append(entry)
        if self.output == "stdout":
            # The caller asked for the log entries as JSON lines on stdout.
            sys.stdout.write(json.dumps(entry) + "\n")

    def log_error(self, message: str, object_id: str | None = None, object_type: str | None = None) -> None:
        self._write_log_entry(message=message, level="ERROR", object_id=object_id, object_type=object_type)

    def log_info(self, message: str, object_id: str | None = None, object_type: str | None = None) -> None:
        self._write_log_entry(message=message, level="INFO", object_id=object_id, object_type=object_type)

    @property
    def log_entries(self) -> str:
        text = ""
        for log in self.logs:
            text += f"-----------------------\nMessage: {log['message']}\nLevel: {log['level']}\n"
            if "object_id" in log:
                text += f"Object ID: {log['object_id']}\n"
            if "object_type" in log:
                text += f"Object type: {log['object_type']}\n"
        return text

    @abstractmethod
    def validate(self, data: dict[str, Any]) -> None:
        """Look at the query's data and log what is wrong."""

    async def collect_data(self) -> dict[str, Any]:
        return await self.client.query_gql_query(
            name=self.query, branch_name=self.branch_name, variables=self.params
        )

    async def run(self, data: dict[str, Any] | None = None) -> bool:
        """Validate `data` (or the stored query's result); passed when no ERROR entry was logged."""
        if not data:
            data = await self.collect_data()
        unpacked = data.get("data") or data
        if inspect.iscoroutinefunction(self.validate):
            await self.validate(data=unpacked)
        else:
            self.validate(data=unpacked)
        self.passed = not self.errors
        if self.passed:
            self.log_info("Check succesfully completed")
        return self.passed
