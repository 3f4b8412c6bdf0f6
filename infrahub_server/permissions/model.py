"""The permission model of Infrahub (section 8 of the protocol notes): decisions as bit flags,
global permissions named by action, object permissions matched by namespace, name and action."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntFlag, StrEnum


class Decision(IntFlag):
    """Bit flags: `DENY` refuses on every branch; the allows say on which branches."""

    DENY = 1
    ALLOW_DEFAULT = 2
    ALLOW_OTHER = 4
    ALLOW_ALL = 6


DECISION_NAMES = {
    Decision.DENY: "deny",
    Decision.ALLOW_DEFAULT: "allow_default",
    Decision.ALLOW_OTHER: "allow_other",
    Decision.ALLOW_ALL: "allow_all",
}


class GlobalAction(StrEnum):
    EDIT_DEFAULT_BRANCH = "edit_default_branch"
    SUPER_ADMIN = "super_admin"
    MERGE_BRANCH = "merge_branch"
    REBASE_BRANCH = "rebase_branch"
    DELETE_BRANCH = "delete_branch"
    MERGE_PROPOSED_CHANGE = "merge_proposed_change"
    REVIEW_PROPOSED_CHANGE = "review_proposed_change"
    MANAGE_SCHEMA = "manage_schema"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_GLOBAL_PREFERENCES = "manage_global_preferences"
    MANAGE_PERMISSIONS = "manage_permissions"
    MANAGE_REPOSITORIES = "manage_repositories"
    OVERRIDE_CONTEXT = "override_context"
    READ_TELEMETRY = "read_telemetry"
    UPDATE_OBJECT_HFID_DISPLAY_LABEL = "update_object_hfid_display_label"


class ObjectAction(StrEnum):
    ANY = "any"
    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


WILDCARD = "*"


def required_decision(*, on_default_branch: bool) -> Decision:
    """What an allow must cover: the default (and global) branch, or the other branches."""
    return Decision.ALLOW_DEFAULT if on_default_branch else Decision.ALLOW_OTHER


@dataclass(frozen=True, slots=True)
class GlobalPermission:
    action: str
    decision: int = Decision.ALLOW_ALL

    @property
    def identifier(self) -> str:
        return f"global:{self.action}:{_decision_name(self.decision)}"


@dataclass(frozen=True, slots=True)
class ObjectPermission:
    namespace: str
    name: str
    action: str
    decision: int = Decision.ALLOW_ALL

    @property
    def identifier(self) -> str:
        return f"object:{self.namespace}:{self.name}:{self.action}:{_decision_name(self.decision)}"

    def matches(self, namespace: str, name: str, action: str) -> bool:
        return (
            self.namespace in (namespace, WILDCARD)
            and self.name in (name, WILDCARD)
            and self.action in (action, ObjectAction.ANY)
        )

    @property
    def specificity(self) -> tuple[int, bool]:
        """Fewer wildcards is more specific; at equal wildcards a deny is more specific."""
        exact = (self.namespace != WILDCARD) + (self.name != WILDCARD) + (self.action != ObjectAction.ANY)
        return exact, self.decision == Decision.DENY


Permission = GlobalPermission | ObjectPermission


def _decision_name(decision: int) -> str:
    return DECISION_NAMES.get(Decision(decision), str(decision))
