"""Accounts' permissions: the model (section 8), their resolution per account and the checks
every entry point makes. REST routes call `infrahub_server.api.context.require_permission`;
GraphQL handlers call `check_permission(context.permissions, ...)`."""

from infrahub_server.permissions.enforcement import check_permission, kind_permission_report, split_kind
from infrahub_server.permissions.loading import PermissionResolver
from infrahub_server.permissions.model import (
    Decision,
    GlobalAction,
    GlobalPermission,
    ObjectAction,
    ObjectPermission,
    Permission,
)
from infrahub_server.permissions.resolution import AccountPermissions

__all__ = [
    "AccountPermissions",
    "Decision",
    "GlobalAction",
    "GlobalPermission",
    "ObjectAction",
    "ObjectPermission",
    "Permission",
    "PermissionResolver",
    "check_permission",
    "kind_permission_report",
    "split_kind",
]
