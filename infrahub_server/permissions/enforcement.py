"""Checks that refuse with `PermissionDeniedError` naming the missing permission, the one
function every entry point calls (`check_permission`), and the per-kind report that paginated
GraphQL results expose as `permissions { ... }`."""

from __future__ import annotations

import re
from typing import Any

from infrahub_server.errors import PermissionDeniedError
from infrahub_server.permissions.model import (
    Decision,
    GlobalAction,
    GlobalPermission,
    ObjectAction,
    ObjectPermission,
    required_decision,
)
from infrahub_server.permissions.resolution import AccountPermissions

_KIND = re.compile(r"^([A-Z][a-z0-9]+)([A-Z].*)$")

# Kinds whose writes need a global permission besides the object permission (section 8).
ACCOUNT_KINDS = frozenset(
    {
        "CoreGenericAccount",
        "CoreAccount",
        "CoreAccountGroup",
        "InternalAccountToken",
        "InternalRefreshToken",
        "InternalExternalIdentity",
    }
)
PERMISSION_KINDS = frozenset(
    {"CoreAccountRole", "CoreBasePermission", "CoreGlobalPermission", "CoreObjectPermission"}
)
REPOSITORY_KINDS = frozenset({"CoreGenericRepository", "CoreRepository", "CoreReadOnlyRepository"})
_MANAGED_KINDS = (
    (ACCOUNT_KINDS, GlobalAction.MANAGE_ACCOUNTS),
    (PERMISSION_KINDS, GlobalAction.MANAGE_PERMISSIONS),
    (REPOSITORY_KINDS, GlobalAction.MANAGE_REPOSITORIES),
)
_OBJECT_ACTIONS = frozenset(action.value for action in ObjectAction)


def split_kind(kind: str) -> tuple[str, str]:
    """`InfraDevice` -> (`Infra`, `Device`): a namespace is one capitalised word, as Infrahub requires."""
    match = _KIND.match(kind)
    return (match.group(1), match.group(2)) if match else (kind, "")


def managing_action(kind: str, inherit_from: tuple[str, ...] | list[str] = ()) -> GlobalAction | None:
    """The global permission that writing `kind` needs on top of its object permissions, if any."""
    for kinds, action in _MANAGED_KINDS:
        if kind in kinds or any(parent in kinds for parent in inherit_from):
            return action
    return None


def check_permission(
    permissions: AccountPermissions | None,
    action: str,
    *,
    kind: str | None = None,
    on_default_branch: bool = True,
) -> None:
    """Refuse unless `permissions` allow `action`: a global action (`GlobalAction`, e.g.
    `manage_schema`) or, with `kind`, an object action (`view`, `create`, `update`, `delete`) on
    the default branch or, with `on_default_branch=False`, on another branch.

    `permissions` None means the server acting for itself (a task worker): everything is allowed.
    Raises `PermissionDeniedError` (HTTP 403, `PERMISSION_DENIED`) naming what is missing.
    """
    if permissions is None:
        return
    if kind is None:
        if action in _OBJECT_ACTIONS:
            raise ValueError(f"The object action {action!r} needs a kind")
        if not permissions.allows_global(action, on_default_branch=on_default_branch):
            raise _denied(GlobalPermission(action, Decision.ALLOW_ALL).identifier)
        return
    namespace, name = split_kind(kind)
    if not permissions.allows_object(namespace, name, action, on_default_branch=on_default_branch):
        needed = required_decision(on_default_branch=on_default_branch)
        raise _denied(ObjectPermission(namespace, name, action, needed).identifier, kind=kind)


def _denied(identifier: str, *, kind: str | None = None) -> PermissionDeniedError:
    data: dict[str, Any] = {"permission": identifier}
    if kind is not None:
        data["kind"] = kind
    return PermissionDeniedError(f"You do not have the following permission: {identifier}", data=data)


def _relative(permissions: AccountPermissions, kind: str, action: str, on_default_branch: bool) -> str:
    if permissions.is_super_admin and not permissions.anonymous:
        return "ALLOW"
    namespace, name = split_kind(kind)
    allowed = permissions.object_decision(namespace, name, action)
    if allowed & required_decision(on_default_branch=on_default_branch):
        return "ALLOW"
    if allowed & Decision.ALLOW_DEFAULT:
        return "ALLOW_DEFAULT"
    if allowed & Decision.ALLOW_OTHER:
        return "ALLOW_OTHER"
    return "DENY"


def kind_permission_report(
    permissions: AccountPermissions, kinds: list[str], *, on_default_branch: bool
) -> dict[str, Any]:
    """`permissions { count edges { node { kind view create update delete } } }` of a page: the
    decision for the caller on this branch, `ALLOW_DEFAULT`/`ALLOW_OTHER` when allowed elsewhere."""
    actions = (ObjectAction.VIEW, ObjectAction.CREATE, ObjectAction.UPDATE, ObjectAction.DELETE)
    return {
        "count": len(kinds),
        "edges": [
            {
                "node": {
                    "kind": kind,
                    **{
                        action.value: _relative(permissions, kind, action, on_default_branch)
                        for action in actions
                    },
                }
            }
            for kind in kinds
        ],
    }
