"""First start: the `admin` account (and its initial API token when configured), and the account
groups and roles Infrahub creates on its first start.

Everything is written in one change set, so a first start that fails leaves nothing behind and
the next start tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from infrahub_server.auth.accounts import ACCOUNT_KIND, AccountDirectory
from infrahub_server.auth.credentials import CredentialStore
from infrahub_server.auth.passwords import hash_password, is_password_hash
from infrahub_server.permissions.model import Decision, GlobalPermission, ObjectPermission, Permission
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.settings import Settings
from infrahub_server.store import AttributeFilter, Store

if TYPE_CHECKING:
    from infrahub_server.nodes import NodeService

logger = logging.getLogger(__name__)

ADMIN_ACCOUNT_NAME = "admin"


def _permission_node(permission: Permission) -> tuple[str, dict[str, Any]]:
    if isinstance(permission, GlobalPermission):
        return "CoreGlobalPermission", {
            "action": {"value": permission.action},
            "decision": {"value": int(permission.decision)},
        }
    return "CoreObjectPermission", {
        "namespace": {"value": permission.namespace},
        "name": {"value": permission.name},
        "action": {"value": permission.action},
        "decision": {"value": int(permission.decision)},
    }


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    permissions: tuple[Permission, ...]


SUPER_ADMINISTRATOR = Role("Super Administrator", (GlobalPermission("super_admin"),))
GENERAL_ACCESS = Role(
    "General Access",
    (
        GlobalPermission("manage_repositories"),
        GlobalPermission("manage_schema"),
        GlobalPermission("merge_proposed_change"),
        ObjectPermission("*", "*", "view"),
        ObjectPermission("*", "*", "any", Decision.ALLOW_OTHER),
    ),
)
PROPOSED_CHANGE_REVIEWER = Role(
    "Proposed Change Reviewer",
    (
        GlobalPermission("edit_default_branch"),
        GlobalPermission("review_proposed_change"),
        ObjectPermission("Core", "ProposedChange", "update"),
    ),
)
ANONYMOUS_USER = Role(
    "Anonymous User", (ObjectPermission("*", "*", "any", Decision.DENY), ObjectPermission("*", "*", "view"))
)


class _Seeder:
    """Creates roles whose permissions are shared: a permission is one node, whatever its roles."""

    def __init__(self, service: NodeService) -> None:
        self.service = service
        self.permission_ids: dict[Permission, str] = {}

    def permission(self, permission: Permission) -> str:
        if permission not in self.permission_ids:
            self.permission_ids[permission] = self.service.create(*_permission_node(permission))
        return self.permission_ids[permission]

    def role(self, role: Role) -> str:
        peers = [{"id": self.permission(permission)} for permission in role.permissions]
        return self.service.create("CoreAccountRole", {"name": {"value": role.name}, "permissions": peers})

    def group(self, name: str, roles: list[Role], member_ids: list[str]) -> str:
        return self.service.create(
            "CoreAccountGroup",
            {
                "name": {"value": name},
                "roles": [{"id": self.role(role)} for role in roles],
                "members": [{"id": member_id} for member_id in member_ids],
            },
        )


def _admin_password_hash(settings: Settings) -> str:
    # A value that already is a bcrypt hash is stored as given, as the HashedPassword kind does:
    # the plain password then never needs to appear in the environment.
    password = settings.initial_admin_password
    return password if is_password_hash(password) else hash_password(password)


def _seed(service: NodeService, settings: Settings) -> str:
    admin_id = service.create(
        ACCOUNT_KIND,
        {
            "name": {"value": ADMIN_ACCOUNT_NAME},
            "password": {"value": _admin_password_hash(settings)},
            "label": {"value": "Admin"},
            "account_type": {"value": "User"},
            "status": {"value": "active"},
        },
    )
    seeder = _Seeder(service)
    seeder.group("Super Administrators", [SUPER_ADMINISTRATOR], [admin_id])
    seeder.group("Infrahub Users", [GENERAL_ACCESS, PROPOSED_CHANGE_REVIEWER], [])
    if settings.allow_anonymous_access:
        seeder.role(ANONYMOUS_USER)
    return admin_id


def seed_first_start(
    store: Store, credentials: CredentialStore, settings: Settings, schema: SchemaBranch
) -> None:
    """Seed an empty database; does nothing once `admin` exists, also when several server
    processes start at once."""
    if AccountDirectory(store).find_by_name(ADMIN_ACCOUNT_NAME) is not None:
        return
    # Imported only on a first start: node operations bring Jinja2 and the validators along.
    from infrahub_server.nodes import NodeService

    with store.change_set(store.default_branch, actor_id=None, message="First start") as writer:
        writer.lock_kinds([ACCOUNT_KIND])
        if writer.find_node_ids([ACCOUNT_KIND], [AttributeFilter("name", "eq", ADMIN_ACCOUNT_NAME)], limit=1):
            return
        admin_id = _seed(NodeService(schema, writer), settings)
    if settings.initial_admin_token:
        credentials.add_api_token(admin_id, name="initial admin token", token=settings.initial_admin_token)
    logger.info("First start: created the %s account, its groups and roles", ADMIN_ACCOUNT_NAME)
