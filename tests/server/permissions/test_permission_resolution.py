"""Resolution rules of section 8 on hand-built permission sets."""

from __future__ import annotations

import pytest

from infrahub_server.errors import PermissionDeniedError
from infrahub_server.permissions import (
    AccountPermissions,
    Decision,
    GlobalPermission,
    ObjectPermission,
    check_permission,
)

ANY, VIEW = "any", "view"


def _account(*permissions: GlobalPermission | ObjectPermission) -> AccountPermissions:
    return AccountPermissions.of("account", permissions)


def _decisions(permissions: AccountPermissions, namespace: str, name: str) -> dict[str, tuple[bool, bool]]:
    """Per action: (allowed on the default branch, allowed on other branches)."""
    return {
        action: (
            permissions.allows_object(namespace, name, action, on_default_branch=True),
            permissions.allows_object(namespace, name, action, on_default_branch=False),
        )
        for action in ("view", "create", "update", "delete")
    }


def test_the_most_specific_permission_wins() -> None:
    permissions = _account(
        ObjectPermission("*", "*", ANY, Decision.ALLOW_ALL),
        ObjectPermission("Infra", "*", "delete", Decision.DENY),
        ObjectPermission("Infra", "Device", ANY, Decision.ALLOW_OTHER),
    )

    assert _decisions(permissions, "Infra", "Device") == {
        "view": (False, True),
        "create": (False, True),
        "update": (False, True),
        "delete": (False, False),
    }
    assert _decisions(permissions, "Infra", "Site")["delete"] == (False, False)
    assert _decisions(permissions, "Infra", "Site")["update"] == (True, True)


def test_allows_of_equal_specificity_add_up_and_a_deny_among_them_wins() -> None:
    split = _account(
        ObjectPermission("Infra", "*", ANY, Decision.ALLOW_DEFAULT),
        ObjectPermission("*", "Device", ANY, Decision.ALLOW_OTHER),
    )
    denied = _account(
        ObjectPermission("Infra", "*", ANY, Decision.ALLOW_ALL),
        ObjectPermission("*", "Device", ANY, Decision.DENY),
    )

    assert _decisions(split, "Infra", "Device")["create"] == (True, True)
    assert _decisions(denied, "Infra", "Device")["create"] == (False, False)


def test_the_anonymous_role_reads_and_never_writes() -> None:
    anonymous = AccountPermissions.of(
        None,
        [
            ObjectPermission("*", "*", ANY, Decision.DENY),
            ObjectPermission("*", "*", VIEW, Decision.ALLOW_ALL),
        ],
        anonymous=True,
    )

    assert _decisions(anonymous, "Infra", "Device") == {
        "view": (True, True),
        "create": (False, False),
        "update": (False, False),
        "delete": (False, False),
    }
    assert not anonymous.allows_global("edit_default_branch")


def test_a_global_deny_beats_an_allow_and_super_admin_beats_everything() -> None:
    denied = _account(GlobalPermission("manage_schema"), GlobalPermission("manage_schema", Decision.DENY))
    admin = _account(GlobalPermission("super_admin"), ObjectPermission("*", "*", ANY, Decision.DENY))

    assert not denied.allows_global("manage_schema")
    assert admin.allows_global("manage_accounts")
    assert admin.allows_object("Infra", "Device", "delete", on_default_branch=True)


def test_a_refusal_names_the_missing_permission() -> None:
    permissions = _account(ObjectPermission("*", "*", ANY, Decision.ALLOW_OTHER))

    with pytest.raises(PermissionDeniedError) as refused:
        check_permission(permissions, "create", kind="InfraDevice", on_default_branch=True)
    with pytest.raises(PermissionDeniedError) as global_refused:
        check_permission(permissions, "merge_branch")

    assert refused.value.message == (
        "You do not have the following permission: object:Infra:Device:create:allow_default"
    )
    assert refused.value.data == {
        "permission": "object:Infra:Device:create:allow_default",
        "kind": "InfraDevice",
    }
    assert global_refused.value.data == {"permission": "global:merge_branch:allow_all"}
    check_permission(permissions, "create", kind="InfraDevice", on_default_branch=False)
    check_permission(None, "merge_branch")
