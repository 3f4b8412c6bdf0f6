"""Read an account's permissions from the store (groups -> roles -> permissions, on the default
branch) and keep them per account until the permissions version changes.

The version is the newest change set of the database, whatever its branch: every grant, revocation,
group change, merge or account deactivation creates one, so it takes effect on the next request,
in every server process: never a stale grant. Reading the version is one index lookup (about
0.01 ms on SQLite); the full resolution runs only after a write.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from infrahub_server.errors import AuthenticationError
from infrahub_server.permissions.model import (
    Decision,
    GlobalPermission,
    ObjectAction,
    ObjectPermission,
    Permission,
)
from infrahub_server.permissions.resolution import AccountPermissions
from infrahub_server.store import AttributeFilter, Reader, Snapshot, Store

logger = logging.getLogger(__name__)

ACCOUNT_KINDS = frozenset({"CoreAccount"})
GROUP_KIND = "CoreAccountGroup"
ROLE_KIND = "CoreAccountRole"
GLOBAL_PERMISSION_KIND = "CoreGlobalPermission"
OBJECT_PERMISSION_KIND = "CoreObjectPermission"
_GROUP_MEMBER = "group_member"
_ROLE_GROUPS = "role__accountgroups"
_ROLE_PERMISSIONS = "role__permissions"
_PERMISSION_FIELDS = ("action", "decision", "namespace", "name")
DEACTIVATED = "This account has been deactivated"
_VERSION = "SELECT max(id) FROM change_set"
_ANONYMOUS_FALLBACK = (ObjectPermission("*", "*", ObjectAction.VIEW, Decision.ALLOW_ALL),)


def _peers(reader: Reader, identifier: str, node_ids: list[str], kind: str) -> list[str]:
    if not node_ids:
        return []
    peers: set[str] = set()
    for known, edges in reader.get_edges(identifier, node_ids, "either").items():
        for edge in edges:
            peers.add(edge.destination_id if edge.source_id == known else edge.source_id)
    kinds = reader.kinds_of(sorted(peers))
    return sorted(peer for peer, peer_kind in kinds.items() if peer_kind == kind)


def _value(record_attributes: dict[str, object], name: str) -> str:
    attribute = record_attributes.get(name)
    value = getattr(attribute, "value", None)
    return "" if value is None else str(value)


def _permissions(reader: Reader, role_ids: list[str]) -> Iterable[Permission]:
    permission_ids = sorted(
        set(_peers(reader, _ROLE_PERMISSIONS, role_ids, GLOBAL_PERMISSION_KIND))
        | set(_peers(reader, _ROLE_PERMISSIONS, role_ids, OBJECT_PERMISSION_KIND))
    )
    for record in reader.get_nodes(permission_ids, _PERMISSION_FIELDS).values():
        attributes: dict[str, object] = dict(record.attributes)
        try:
            decision = int(_value(attributes, "decision"))
        except ValueError:
            logger.warning("Permission %s has no valid decision; ignored", record.id)
            continue
        action = _value(attributes, "action")
        if record.kind == GLOBAL_PERMISSION_KIND:
            yield GlobalPermission(action, decision)
        else:
            yield ObjectPermission(
                _value(attributes, "namespace"), _value(attributes, "name"), action, decision
            )


class PermissionResolver:
    """Resolves and caches `AccountPermissions`; thread-safe (requests run in worker threads)."""

    def __init__(self, store: Store, *, anonymous_role: str) -> None:
        self._store = store
        self._anonymous_role = anonymous_role
        self._cache: dict[str | None, tuple[int, AccountPermissions]] = {}
        self._lock = threading.Lock()

    def version(self) -> int:
        # Straight through the driver: SQLAlchemy's connection and transaction layers cost eight
        # times the query itself, which runs on every request.
        connection = self._store.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(_VERSION)
            row = cursor.fetchone()
            cursor.close()
        finally:
            connection.close()
        return int(row[0] or 0) if row else 0

    def for_account(self, account_id: str | None) -> AccountPermissions:
        """The permissions of `account_id` (None: the anonymous role). Raises
        `AuthenticationError` when the account is inactive or no longer exists."""
        version = self.version()
        cached = self._cache.get(account_id)
        if cached is not None and cached[0] == version:
            return cached[1]
        permissions = self._load(account_id)
        with self._lock:
            self._cache[account_id] = (version, permissions)
        return permissions

    def _load(self, account_id: str | None) -> AccountPermissions:
        with self._store.reader(Snapshot(self._store.default_branch)) as reader:
            if account_id is None:
                role_ids = reader.find_node_ids(
                    [ROLE_KIND], [AttributeFilter("name", "eq", self._anonymous_role)], limit=1
                )
                if not role_ids:
                    # Anonymous access turned on after the first start: its role was never seeded.
                    return AccountPermissions.of(None, _ANONYMOUS_FALLBACK, anonymous=True)
                return AccountPermissions.of(None, _permissions(reader, list(role_ids)), anonymous=True)
            account = reader.get_nodes([account_id], ["status"]).get(account_id)
            if account is None or account.kind not in ACCOUNT_KINDS:
                raise AuthenticationError("Invalid token")
            if _value(dict(account.attributes), "status") not in ("", "active"):
                raise AuthenticationError(DEACTIVATED)
            group_ids = _peers(reader, _GROUP_MEMBER, [account_id], GROUP_KIND)
            role_ids = _peers(reader, _ROLE_GROUPS, group_ids, ROLE_KIND)
            return AccountPermissions.of(account_id, _permissions(reader, role_ids))
