"""`InfrahubInventory`: Nornir hosts and groups from an Infrahub-compatible server, one query per host kind."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from nornir.core.inventory import Hosts, Inventory
from pydantic import ValidationError

from infrahub_sdk import Config, InfrahubClientSync
from infrahub_sdk.exceptions import Error, SchemaNotFoundError

from ._cache import SETTLE, ResponseCache, branch_identity_query, cache_key, is_settled
from ._files import load_defaults, load_groups
from ._hosts import NodeLoader, add_hosts
from ._options import HostKind, InventoryOptions, parse_options
from ._paths import SchemaLike
from ._plan import KindPlan, plan_host_kind
from ._query import GROUP_MEMBERSHIP

logger = logging.getLogger(__name__)

Responses = list[list[dict[str, Any]]]


class InfrahubInventory:
    """Nornir inventory plugin; its options are a superset of nornir-infrahub's (see docs/nornir.md).

    The constructor checks the options, then reads the schema (one request) to check every mapping
    path; `load()` sends one GraphQL query per host kind and builds the hosts from the answers.
    """

    def __init__(
        self,
        host_node: Mapping[str, Any] | None = None,
        address: str | None = None,
        token: str | None = None,
        branch: str | None = None,
        schema_mappings: Sequence[Mapping[str, str]] | None = None,
        group_mappings: Sequence[str] | None = None,
        defaults_file: str = "defaults.yaml",
        group_file: str = "group.yaml",
        *,
        host_nodes: Sequence[Mapping[str, Any]] | None = None,
        data_mappings: Mapping[str, str] | Sequence[Mapping[str, str]] | None = None,
        filters: Mapping[str, Any] | None = None,
        at: str | None = None,
        username: str | None = None,
        password: str | None = None,
        timeout: float | None = None,
        tls_insecure: bool | None = None,
        tls_ca_file: str | None = None,
        cache_ttl: float = 0,
        cache_dir: str | None = None,
    ) -> None:
        self.options: InventoryOptions = parse_options(
            host_node=host_node,
            host_nodes=host_nodes,
            address=address,
            token=token,
            username=username,
            password=password,
            branch=branch,
            at=at,
            timeout=timeout,
            tls_insecure=tls_insecure,
            tls_ca_file=tls_ca_file,
            schema_mappings=schema_mappings,
            group_mappings=group_mappings,
            data_mappings=data_mappings,
            filters=filters,
            defaults_file=defaults_file,
            group_file=group_file,
            cache_ttl=cache_ttl,
            cache_dir=cache_dir,
        )
        config = _config(self.options.connection.config)
        self.client = InfrahubClientSync(config=config)
        self.address: str = config.address
        self.branch: str = config.default_infrahub_branch
        self._node_lock = threading.Lock()
        where = "host_node" if host_node is not None else "host_nodes[{}]"
        # Each `with self.client` closes its connections on the way out; the next call reopens them.
        with self.client:
            self.plans: tuple[KindPlan, ...] = tuple(
                self._plan(where.format(index), host_kind)
                for index, host_kind in enumerate(self.options.host_kinds)
            )

    def load(self) -> Inventory:
        defaults = load_defaults(self.options.defaults_file)
        groups = load_groups(self.options.group_file, defaults)
        hosts = Hosts()
        with self.client, _cycle_collection_paused():
            for plan, edges in zip(self.plans, self._responses(), strict=True):
                add_hosts(plan, edges, hosts, groups, defaults, self._node_loader(plan))
        return Inventory(hosts=hosts, groups=groups, defaults=defaults)

    def _plan(self, where: str, host_kind: HostKind) -> KindPlan:
        def schema_of(kind: str) -> SchemaLike:
            return self.client.schema.get(kind=kind, branch=self.branch)

        try:
            return plan_host_kind(where, host_kind, schema_of)
        except SchemaNotFoundError as error:
            raise ValueError(f"{where}: {error.message} (branch {self.branch!r})") from error

    def _responses(self) -> Responses:
        cache = (
            ResponseCache(self.options.cache_dir, self.options.cache_ttl) if self.options.cache_ttl else None
        )
        key = self._cache_key() if cache else None
        if cache and key:
            cached = cache.get(key)
            if cached is not None:
                logger.debug("inventory served from cache entry %s", key)
                return list(cached)
        responses = [self._query(plan) for plan in self.plans]
        if cache and key:
            cache.put(key, responses)
        return responses

    def _query(self, plan: KindPlan) -> list[dict[str, Any]]:
        data = self.client.execute_graphql(query=plan.query, branch_name=self.branch, at=self.options.at)
        edges: list[dict[str, Any]] = data[plan.kind]["edges"]
        return edges

    def _cache_key(self) -> str | None:
        at = self.options.at
        if at is None or not is_settled(at):
            logger.info("inventory cache not used: only snapshots at least %s old (`at`) are cached", SETTLE)
            return None
        try:
            branch = self.client.execute_graphql(
                query=branch_identity_query(self.branch), branch_name=self.branch
            )
        except Error as error:
            logger.info("inventory cache not used: the branch's identity is unknown (%s)", error)
            return None
        if not branch.get("Branch"):
            return None
        return cache_key(
            {
                "address": self.address,
                "identity": self.options.connection.identity,
                "branch": self.branch,
                "at": self.options.at,
                "host_kinds": [plan.host_kind.describe() for plan in self.plans],
                "queries": [plan.query for plan in self.plans],
                "schema": [dict(plan.schema_hashes) for plan in self.plans],
                "branch_identity": branch["Branch"],
            }
        )

    def _node_loader(self, plan: KindPlan) -> NodeLoader:
        """Fetch the SDK node a host stands for, shaped like nornir-infrahub's `host.data["InfrahubNode"]`."""
        mapped = [
            path.steps[0].name for path in (*plan.host_fields.values(), *plan.groups) if len(path.steps) > 1
        ]
        include = list(dict.fromkeys([*plan.host_kind.include, GROUP_MEMBERSHIP, *mapped]))
        exclude = list(plan.host_kind.exclude)

        def load_node(kind: str, node_id: str) -> Any:
            # Tasks on Nornir's threads load nodes at once: one at a time, since leaving the
            # `with` block closes the shared client's connections under the others' requests.
            with self._node_lock, self.client:
                return self.client.get(
                    kind=kind,
                    id=node_id,
                    branch=self.branch,
                    at=self.options.at,
                    include=include,
                    exclude=exclude,
                )

        return load_node


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Decoding the answer and building the hosts allocate ~10^5 acyclic dicts for 10k hosts: left on,
    the cycle collector rescans them over and over (measured: 5x the decoding time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _config(values: Mapping[str, Any]) -> Config:
    """The SDK's Config, which reads INFRAHUB_* for what the options leave out; errors name our options."""
    try:
        return Config(**values)
    except ValidationError as error:
        problems = "; ".join(_problem(item["loc"], item["msg"]) for item in error.errors())
        raise ValueError(f"connection options: {problems}") from None


def _problem(location: tuple[int | str, ...], message: str) -> str:
    names = {"api_token": "token", "default_branch": "branch"}
    message = message.removeprefix("Value error, ")
    return f"{names.get(str(location[0]), location[0])}: {message}" if location else message
