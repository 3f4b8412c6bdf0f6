"""An account's effective permissions: the union of the roles of its groups, resolved with
Infrahub's rules (super_admin grants everything; a global deny wins; among object permissions
the most specific wins and allows of equal specificity add up)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from infrahub_server.permissions.model import (
    Decision,
    GlobalAction,
    GlobalPermission,
    ObjectAction,
    ObjectPermission,
    Permission,
    required_decision,
)


@dataclass(slots=True)
class AccountPermissions:
    """What one account (or the anonymous role) may do. Built once per permissions version and
    shared by the requests of that account; object decisions are memoised per kind and action."""

    account_id: str | None
    global_permissions: tuple[GlobalPermission, ...] = ()
    object_permissions: tuple[ObjectPermission, ...] = ()
    anonymous: bool = False
    _objects: dict[tuple[str, str, str], int] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls, account_id: str | None, permissions: Iterable[Permission], *, anonymous: bool = False
    ) -> AccountPermissions:
        unique = dict.fromkeys(permissions)
        return cls(
            account_id=account_id,
            global_permissions=tuple(p for p in unique if isinstance(p, GlobalPermission)),
            object_permissions=tuple(p for p in unique if isinstance(p, ObjectPermission)),
            anonymous=anonymous,
        )

    @property
    def is_super_admin(self) -> bool:
        return self._global_decision(GlobalAction.SUPER_ADMIN) & Decision.ALLOW_ALL != 0

    def _global_decision(self, action: str) -> int:
        decision = 0
        for permission in self.global_permissions:
            if permission.action == action:
                if permission.decision & Decision.DENY:
                    return Decision.DENY
                decision |= permission.decision
        return decision

    def allows_global(self, action: str, *, on_default_branch: bool = True) -> bool:
        if self.anonymous:
            return False
        if self.is_super_admin:
            return True
        return self._global_decision(action) & required_decision(on_default_branch=on_default_branch) != 0

    def object_decision(self, namespace: str, name: str, action: str) -> int:
        """The allow bits the most specific matching permissions give; 0 when they deny or none match."""
        key = (namespace, name, action)
        cached = self._objects.get(key)
        if cached is not None:
            return cached
        best: tuple[int, bool] | None = None
        decision = 0
        for permission in self.object_permissions:
            if not permission.matches(namespace, name, action):
                continue
            specificity = permission.specificity
            if best is None or specificity > best:
                best, decision = specificity, permission.decision
            elif specificity == best:
                decision |= permission.decision
        allowed = 0 if decision & Decision.DENY else decision & Decision.ALLOW_ALL
        self._objects[key] = allowed
        return allowed

    def allows_object(
        self, namespace: str, name: str, action: ObjectAction | str, *, on_default_branch: bool
    ) -> bool:
        if self.is_super_admin and not self.anonymous:
            return True
        allowed = self.object_decision(namespace, name, action)
        return allowed & required_decision(on_default_branch=on_default_branch) != 0
