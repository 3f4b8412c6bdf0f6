"""Accounts are `CoreAccount` nodes on the `-global-` branch; this reads the fields auth needs."""

from __future__ import annotations

from dataclasses import dataclass

from infrahub_server.store import GLOBAL_BRANCH, AttributeFilter, NodeRecord, Snapshot, Store

ACCOUNT_KIND = "CoreAccount"
_FIELDS = ("name", "password", "status")


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    name: str
    password_hash: str | None
    status: str

    @property
    def is_active(self) -> bool:
        return self.status == "active"


def _account(record: NodeRecord) -> Account:
    def value(name: str) -> object:
        attribute = record.attributes.get(name)
        return attribute.value if attribute is not None else None

    password = value("password")
    return Account(
        id=record.id,
        name=str(value("name")),
        password_hash=password if isinstance(password, str) else None,
        status=str(value("status") or "active"),
    )


class AccountDirectory:
    """Synchronous lookups (call them from a worker thread)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def find_by_name(self, name: str) -> Account | None:
        with self._store.reader(Snapshot(GLOBAL_BRANCH)) as reader:
            ids = reader.find_node_ids([ACCOUNT_KIND], [AttributeFilter("name", "eq", name)], limit=1)
            records = reader.get_nodes(ids, _FIELDS)
        return _account(next(iter(records.values()))) if records else None

    def get(self, account_id: str) -> Account | None:
        with self._store.reader(Snapshot(GLOBAL_BRANCH)) as reader:
            records = reader.get_nodes([account_id], _FIELDS)
        record = records.get(account_id)
        return _account(record) if record is not None and record.kind == ACCOUNT_KIND else None

    def is_active(self, account_id: str) -> bool:
        account = self.get(account_id)
        return account is not None and account.is_active
