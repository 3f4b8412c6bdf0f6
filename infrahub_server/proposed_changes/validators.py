"""What a validator reports, and the registry of validator runners per check type.

A runner looks at one proposed change (with the diff the pipeline just computed) and returns the
validators to record, each with its checks. The data and schema integrity runners are built in
(`integrity`); artefact, generator, repository and user-check runners register here with
`register_validator` from the parts of the server that own those definitions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from infrahub_server.proposed_changes.records import ProposedChange
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Store

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext

CHECK_TYPES = ("ARTIFACT", "DATA", "GENERATOR", "REPOSITORY", "SCHEMA", "TEST", "USER")
"""`CoreProposedChangeRunCheck(check_type)` values besides ALL."""

SUCCESS = "success"
FAILURE = "failure"


@dataclass(slots=True)
class CheckOutcome:
    kind: str
    """The check's node kind, e.g. `CoreDataCheck`."""
    label: str
    conclusion: str
    check_kind: str
    """The check's `kind` attribute (a CamelCase word, e.g. `DataIntegrity`)."""
    severity: str = "info"
    message: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    """Attributes of `kind` beyond those of CoreCheck, e.g. `conflicts` and `keep_branch`."""


@dataclass(slots=True)
class ValidatorOutcome:
    kind: str
    """The validator's node kind, e.g. `CoreDataValidator`."""
    label: str
    checks: list[CheckOutcome]
    peers: dict[str, str] = field(default_factory=dict)
    """Cardinality-one relationships of `kind` by peer id, e.g. `{"definition": <id>}`."""
    failed: bool = False
    """Failed whatever its checks say (the runner itself could not complete)."""

    @property
    def conclusion(self) -> str:
        failed = self.failed or any(check.conclusion == FAILURE for check in self.checks)
        return FAILURE if failed else SUCCESS


@dataclass(frozen=True, slots=True)
class ValidationInput:
    store: Store
    schema: SchemaBranch
    change: ProposedChange
    diff: dict[str, Any]
    """The DiffTree of the source branch (section 4.4), computed for this run."""
    server: ServerContext | None = None
    """The running server, for runners registered with `needs_server` (the task workers pass it;
    without it, those runners are left out and their validators kept as they were)."""


ValidatorRunner = Callable[[ValidationInput], list[ValidatorOutcome]]


@dataclass(frozen=True, slots=True)
class RegisteredValidator:
    check_type: str
    validator_kinds: tuple[str, ...]
    """The kinds the runner records: the previous ones are replaced on each run."""
    run: ValidatorRunner
    needs_server: bool
    """Runs only with the running server (on the task workers), e.g. to render artefacts."""


_RUNNERS: dict[str, RegisteredValidator] = {}


def register_validator(
    check_type: str, validator_kinds: tuple[str, ...], runner: ValidatorRunner, *, needs_server: bool = False
) -> None:
    """Run `runner` for `check_type` (and ALL) from now on, replacing a runner registered before."""
    if check_type not in CHECK_TYPES:
        raise ValueError(f"unknown check type {check_type!r}: expected one of {', '.join(CHECK_TYPES)}")
    _RUNNERS[check_type] = RegisteredValidator(check_type, validator_kinds, runner, needs_server)


def registered_validators(check_type: str) -> list[RegisteredValidator]:
    """The runners `CoreProposedChangeRunCheck(check_type)` starts, in registration order."""
    if check_type == "ALL":
        return list(_RUNNERS.values())
    found = _RUNNERS.get(check_type)
    return [found] if found is not None else []
