"""Proposed changes (section 5): the rules of `CoreProposedChange`, the validator pipeline,
reviews with required approvals, and the merge.

    run_pipeline(store, schema, change_id)                      refresh the diff, record validators
    review(store, schema, change_id, "APPROVE", account_id=b)   approve, reject, cancel either
    merge_proposed_change(store, schema, change_id, actor_id=a, required_approvals=1)
    settle_interrupted_merges(store)                            at start: no change stays `merging`
    register_validator("ARTIFACT", ("CoreArtifactValidator",), runner)

The GraphQL fields are in `graphql_fields`, the queue task in `task_handlers`, the REST route of
per-change approval counts in `rest`.
"""

from infrahub_server.proposed_changes.merging import (
    merge_blockers,
    merge_proposed_change,
    settle_interrupted_merge,
    settle_interrupted_merges,
)
from infrahub_server.proposed_changes.pipeline import run_pipeline, validation_is_stale
from infrahub_server.proposed_changes.policy import required_approvals, set_approvals_override
from infrahub_server.proposed_changes.records import ProposedChange, load_proposed_change
from infrahub_server.proposed_changes.reviews import review, revoke_outdated_approvals
from infrahub_server.proposed_changes.validator_nodes import validators_of
from infrahub_server.proposed_changes.validators import (
    CheckOutcome,
    ValidationInput,
    ValidatorOutcome,
    register_validator,
)

__all__ = [
    "CheckOutcome",
    "ProposedChange",
    "ValidationInput",
    "ValidatorOutcome",
    "load_proposed_change",
    "merge_blockers",
    "merge_proposed_change",
    "register_validator",
    "required_approvals",
    "review",
    "revoke_outdated_approvals",
    "run_pipeline",
    "set_approvals_override",
    "settle_interrupted_merge",
    "settle_interrupted_merges",
    "validation_is_stale",
    "validators_of",
]
