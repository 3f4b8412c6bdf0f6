"""Running a check definition on a branch: the user's `InfrahubCheck` subclass, in a subprocess with
an SDK client pointed back at this server, once per target of its group (or once without targets).

A check passes when it logs no error. Each run's outcome and log lines come back in the report, so
the task that ran it shows them; when the run belongs to a validator (a proposed change's), a
`CoreStandardCheck` per run records the conclusion under that validator as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from infrahub_server.automation.transforms import server_address
from infrahub_server.automation.user_code import run_user_code
from infrahub_server.errors import InfrahubError
from infrahub_server.generator_runs.definitions import (
    CHECK_DEFINITION_KIND,
    Target,
    UserCodeDefinition,
    read_targets,
    read_user_code_definition,
)
from infrahub_server.generator_runs.generators import RunLog, log_to_logger, run_token
from infrahub_server.nodes import NodeService
from infrahub_server.repositories.worktree import repository_directory
from infrahub_server.store import Snapshot

if TYPE_CHECKING:
    from pathlib import Path

    from infrahub_server.api.context import ServerContext

CHECK_KIND = "CoreStandardCheck"


@dataclass(slots=True)
class CheckOutcome:
    target_id: str | None
    passed: bool
    logs: list[dict[str, Any]]
    error: str | None = None
    """Why the check could not run (its code raised, timed out...): a failure too."""


@dataclass(slots=True)
class CheckRunReport:
    definition_id: str
    definition_name: str
    branch: str
    outcomes: list[CheckOutcome] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(outcome.passed for outcome in self.outcomes)

    def as_result(self) -> dict[str, Any]:
        return {
            "definition": self.definition_id,
            "branch": self.branch,
            "passed": self.passed,
            "runs": [
                {"target": o.target_id, "passed": o.passed, "logs": o.logs, "error": o.error}
                for o in self.outcomes
            ],
        }


def _run_once(
    server: ServerContext,
    directory: Path,
    spec: UserCodeDefinition,
    branch: str,
    target: Target | None,
    token: str | None,
) -> CheckOutcome:
    timeout = min(spec.timeout or server.settings.user_code_timeout, server.settings.user_code_timeout)
    init = {"branch": branch, "params": target.variables if target else {}}
    try:
        result = run_user_code(
            directory,
            spec.file_path,
            spec.class_name,
            "run",
            {"init": init, "call": {}},
            timeout=timeout,
            memory_mb=server.settings.user_code_memory_mb,
            server_address=server_address(server),
            token=token,
            collect=["logs"],
        )
    except InfrahubError as error:
        return CheckOutcome(target.id if target else None, False, [], error.message)
    logs = result.attributes.get("logs") or []
    return CheckOutcome(target.id if target else None, bool(result.value), list(logs))


def _record(
    server: ServerContext, branch: str, spec: UserCodeDefinition, report: CheckRunReport, validator_id: str
) -> None:
    schema = server.schemas.for_branch_name(branch)
    with server.store.change_set(branch, actor_id=None, message=f"Check {spec.name}") as writer:
        service = NodeService(schema, writer)
        for outcome in report.outcomes:
            errors = [str(log.get("message")) for log in outcome.logs if log.get("level") == "ERROR"]
            message = outcome.error or "\n".join(errors) or None
            service.create(
                CHECK_KIND,
                {
                    "name": {"value": spec.name},
                    "label": {
                        "value": spec.name
                        if outcome.target_id is None
                        else f"{spec.name}: {outcome.target_id}"
                    },
                    "origin": {"value": spec.id},
                    "kind": {"value": "CheckDefinition"},
                    "message": {"value": message},
                    "conclusion": {"value": "success" if outcome.passed else "failure"},
                    "severity": {"value": "success" if outcome.passed else "error"},
                    "validator": {"id": validator_id},
                },
            )


def run_check_definition(
    server: ServerContext,
    definition: str,
    *,
    branch: str,
    account_id: str | None = None,
    validator_id: str | None = None,
    log: RunLog = log_to_logger,
) -> CheckRunReport:
    """Run the check definition `definition` (name or id) on `branch`. Blocking."""
    schema = server.schemas.for_branch_name(branch)
    with server.store.reader(Snapshot(branch)) as reader:
        spec = read_user_code_definition(reader, schema, CHECK_DEFINITION_KIND, definition)
        targets: list[Target | None] = (
            list(read_targets(reader, schema, spec, None)) if spec.targets_group_id else [None]
        )
    report = CheckRunReport(spec.id, spec.name, branch)
    directory = repository_directory(server, spec.repository_id, branch)
    seconds = server.settings.user_code_timeout * max(len(targets), 1)
    with run_token(server, account_id, purpose=f"check {spec.name}", seconds=seconds) as token:
        for target in targets:
            outcome = _run_once(server, directory, spec, branch, target, token)
            report.outcomes.append(outcome)
            label = spec.name if target is None else f"{spec.name}: {target.label}"
            if outcome.error:
                log(f"{label}: could not run: {outcome.error}", "error")
            for entry in outcome.logs:
                severity = "error" if entry.get("level") == "ERROR" else "info"
                log(f"{label}: {entry.get('message')}", severity)
            log(f"{label}: {'passed' if outcome.passed else 'failed'}", "info" if outcome.passed else "error")
    if validator_id is not None:
        _record(server, branch, spec, report, validator_id)
    return report
