# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
name: inventory
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Hosts from an Infrahub-compatible source of truth, one query per node kind
description:
  - Reads the nodes of one or more kinds from a branch (optionally at a point in time) and makes each node a host.
  - "Host variables are nested dictionaries built from dotted C(include) paths: C(site.region.name) becomes
    C(site.region.name) in Jinja, a dict C(site) holding a dict C(region); cardinality-many relationships become lists."
  - Whatever the number of hosts, the plugin sends one schema request plus one GraphQL query per kind in C(nodes).
  - The option names are those of C(opsmill.infrahub.inventory), plus O(at).
  - Files must end in C(.yml) or C(.yaml).
requirements:
  - infrahub-lite (its C(infrahub_sdk) package) on the controller.
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - infrahub.lite.connection
  - infrahub.lite.connection.PLUGINS
options:
  plugin:
    description: Marks the file as a source for this plugin.
    required: true
    type: str
    choices: ["infrahub.lite.inventory"]
  timeout:
    description: Seconds to wait for each request.
    type: int
    default: 60
  at:
    description:
      - Read the data as it was at this time (ISO 8601, for example V(2026-01-31T12:00:00Z)).
      - If not set, the current data is read.
    type: str
  nodes:
    description:
      - The node kinds that become hosts, each with optional C(filters), C(include) and C(exclude).
      - C(filters) is a dictionary of GraphQL filter arguments, for example C(role__value=edge) or C(site__name__value=paris) written as YAML keys.
      - C(include) lists dotted paths of attributes and relationships; without it, all attributes and
        cardinality-one relationships are read.
      - C(exclude) lists top-level attribute or relationship names to leave out.
    type: dict
    required: true
  hostnames:
    description:
      - Dotted paths tried in order for the host name; the first non-empty value wins.
      - V(display_label) is the node's display label.
    type: list
    elements: str
    default: [display_label]
  prefetch_relationships:
    description:
      - When an include path names a relationship without a field (C(site)), also read the attributes of the peer.
      - Otherwise only its C(id) and C(display_label) are read.
    type: bool
    default: true
  strict_warnings:
    description:
      - When O(strict) is false, report each C(compose), C(groups) or C(keyed_groups) expression that failed
        for some hosts as one warning (with the number of hosts), instead of skipping it silently.
    type: bool
    default: true
"""

EXAMPLES = r"""
# infrahub.yml; run with: ansible-inventory -i infrahub.yml --list
plugin: infrahub.lite.inventory
api_endpoint: http://127.0.0.1:8000
branch: main
nodes:
  InfraDevice:
    filters:
      role__value: edge
    include:
      - name
      - role
      - site.name
      - site.region.name
      - primary_address.address
      - tags.name
hostnames:
  - name
compose:
  ansible_host: primary_address.address | ansible.utils.ipaddr('address')
  location: site.name
keyed_groups:
  - prefix: site
    key: site.name | lower
groups:
  edge_devices: role == 'edge'

# The same hosts as they were at the start of the year, from a feature branch.
plugin: infrahub.lite.inventory
branch: add-edge-sites
at: "2026-01-01T00:00:00Z"
nodes:
  InfraDevice:
    include: [name, role]
"""

import hashlib
import json
import re
from typing import Any

from ansible.errors import AnsibleError, AnsibleParserError, AnsibleUndefinedVariable
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible_collections.infrahub.lite.plugins.module_utils.client import (
    HAS_INFRAHUB_SDK,
    RequestCounter,
    build_client,
    connection_settings,
)
from ansible_collections.infrahub.lite.plugins.module_utils.errors import describe_error, is_handled_error
from ansible_collections.infrahub.lite.plugins.module_utils.selection import (
    build_fields,
    hostname_fields,
    merge_fields,
    pick_hostname,
    project,
    render_query,
    schema_view,
)

# Names Jinja reads differently from a dict key: literals, operators, and dict methods (`site.items`).
NOT_PLAIN = frozenset(dir(dict)) | {
    "true",
    "false",
    "none",
    "True",
    "False",
    "None",
    "and",
    "or",
    "not",
    "in",
    "is",
    "if",
    "else",
}
PLAIN_PATH = re.compile(r"^\s*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*$")


def plain_path(template: Any) -> list[str] | None:
    """The names of a plain dotted variable path such as `site.region.name`, or None for any other expression."""
    if not isinstance(template, str) or not PLAIN_PATH.match(template):
        return None
    names = template.strip().split(".")
    return None if NOT_PLAIN.intersection(names) else names


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "infrahub.lite.inventory"

    def verify_file(self, path: str) -> bool:
        return super().verify_file(path) and path.endswith((".yml", ".yaml"))

    def parse(self, inventory: Any, loader: Any, path: str, cache: bool = True) -> None:
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        nodes = self.get_option("nodes")
        if not isinstance(nodes, dict) or not nodes:
            raise AnsibleParserError(f"{path}: 'nodes' must map at least one kind to its options")
        settings = connection_settings(
            {
                name: self.get_option(name)
                for name in ("api_endpoint", "token", "branch", "timeout", "validate_certs")
            }
        )
        cache_key = f"{self.get_cache_key(path)}_{self._spec_digest(settings)}"
        use_cache = self.get_option("cache") and cache
        hosts = None
        if use_cache:
            hosts = self._cache.get(cache_key)
        if hosts is None:
            hosts = self._fetch_hosts(settings, nodes)
            if self.get_option("cache"):
                self._cache[cache_key] = hosts
        self._populate(hosts)

    def _spec_digest(self, settings: dict[str, Any]) -> str:
        """Everything that changes the answer is in the cache key, the token only as a digest."""
        spec = {
            "endpoint": settings["api_endpoint"],
            "branch": settings["branch"],
            "token": hashlib.sha256((settings["token"] or "").encode()).hexdigest(),
            "at": self.get_option("at"),
            "nodes": self.get_option("nodes"),
            "hostnames": self.get_option("hostnames"),
            "prefetch_relationships": self.get_option("prefetch_relationships"),
        }
        return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def _fetch_hosts(self, settings: dict[str, Any], nodes: dict[str, Any]) -> list[list[Any]]:
        if not HAS_INFRAHUB_SDK:
            raise AnsibleError(
                "infrahub.lite.inventory needs the infrahub_sdk package (pip install infrahub-lite)"
            )
        counter = RequestCounter()
        client = build_client(settings, counter)
        hostnames = self.get_option("hostnames") or ["display_label"]
        hosts: list[list[Any]] = []
        try:
            schemas = schema_view(client.schema.all(branch=settings["branch"]))
            for kind, spec in nodes.items():
                hosts.extend(
                    self._hosts_of_kind(client, schemas, settings["branch"], kind, spec or {}, hostnames)
                )
        except Exception as exc:
            if is_handled_error(exc):
                raise AnsibleError(f"infrahub.lite.inventory: {describe_error(exc)}") from exc
            raise
        self.display.v(
            f"infrahub.lite.inventory: {len(hosts)} hosts from {len(nodes)} kind(s) in {counter.count} requests"
        )
        return hosts

    def _hosts_of_kind(
        self, client: Any, schemas: Any, branch: str, kind: str, spec: dict[str, Any], hostnames: list[str]
    ) -> list[list[Any]]:
        unknown = set(spec) - {"filters", "include", "exclude"}
        if unknown:
            raise AnsibleParserError(f"nodes.{kind}: unknown option(s) {', '.join(sorted(unknown))}")
        fields = build_fields(
            schemas, kind, spec.get("include"), spec.get("exclude"), self.get_option("prefetch_relationships")
        )
        query_fields = merge_fields(fields, hostname_fields(schemas, kind, hostnames))
        query = render_query(kind, query_fields, spec.get("filters"))
        self.display.vvv(f"infrahub.lite.inventory: {query}")
        data = client.execute_graphql(query=query, branch_name=branch, at=self.get_option("at"))
        hosts = []
        for edge in data[kind]["edges"]:
            node = edge["node"]
            hostname = pick_hostname(node, query_fields, hostnames) or node["id"]
            hosts.append([hostname, project(node, fields)])
        return hosts

    def _populate(self, hosts: list[list[Any]]) -> None:
        strict = self.get_option("strict")
        compose = self.get_option("compose") or {}
        groups = self.get_option("groups") or {}
        keyed_groups = self.get_option("keyed_groups") or []
        self._use_extra_vars = bool(self.get_option("use_extra_vars"))
        failures: dict[str, int] = {}
        seen: set[str] = set()
        for hostname, variables in hosts:
            if hostname in seen:
                self.display.warning(
                    f"infrahub.lite.inventory: two nodes are named '{hostname}'; the last one wins"
                )
            seen.add(hostname)
            self.inventory.add_host(hostname)
            for name, value in variables.items():
                self.inventory.set_variable(hostname, name, value)
            variables = self._compose_vars(hostname, dict(variables), compose, strict, failures)
            for name, expression in groups.items():
                self._try(
                    f"groups.{name}",
                    failures,
                    strict,
                    self._add_host_to_composed_groups,
                    {name: expression},
                    variables,
                    hostname,
                )
            for index, keyed in enumerate(keyed_groups):
                self._try(
                    f"keyed_groups[{index}]",
                    failures,
                    strict,
                    self._add_host_to_keyed_groups,
                    [keyed],
                    variables,
                    hostname,
                )
        if failures and self.get_option("strict_warnings"):
            for expression, count in sorted(failures.items()):
                self.display.warning(f"infrahub.lite.inventory: {expression} failed for {count} host(s)")

    def _compose_vars(
        self,
        hostname: str,
        variables: dict[str, Any],
        compose: dict[str, Any],
        strict: bool,
        failures: dict[str, int],
    ) -> dict[str, Any]:
        """Set each composed variable; a later expression sees the earlier ones, a failure skips only itself."""
        for name, expression in compose.items():
            try:
                value = self._compose(expression, variables)
            except Exception as exc:  # pylint: disable=broad-exception-caught
                if strict:
                    raise AnsibleError(f"Could not set {name} for host {hostname}: {exc}") from exc
                failures[f"compose.{name}"] = failures.get(f"compose.{name}", 0) + 1
                continue
            self.inventory.set_variable(hostname, name, value)
            variables[name] = value
        return variables

    def _compose(self, template: Any, variables: dict[str, Any], disable_lookups: Any = ...) -> Any:
        """A plain dotted path (`site.name`) is read from the variables directly; anything else goes to Jinja.

        ansible-core compiles the expression again for every host, which costs about a millisecond each:
        at 10,000 hosts and a few keyed groups that alone is most of the inventory's time.
        """
        path = plain_path(template)
        if path is None or getattr(self, "_use_extra_vars", True):
            return super()._compose(template, variables)
        value: Any = variables
        for name in path:
            if not isinstance(value, dict) or name not in value:
                raise AnsibleUndefinedVariable(f"'{template}' is undefined")
            value = value[name]
        return value

    @staticmethod
    def _try(label: str, failures: dict[str, int], strict: bool, apply: Any, *args: Any) -> None:
        try:
            apply(*args, strict=True, fetch_hostvars=False)
        except AnsibleError:
            if strict:
                raise
            failures[label] = failures.get(label, 0) + 1
