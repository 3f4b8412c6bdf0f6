# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
name: lookup
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Read from an Infrahub-compatible server with a GraphQL query or by kind and filters
description:
  - With O(query), sends the GraphQL query (a string, or a dict rendered as a query) with O(graph_variables)
    and returns the nodes under C(edges) of every top-level field.
  - With O(kind), lists the nodes of that kind matching O(filters) and returns each one as a nested
    dictionary built from the dotted O(include) paths, like the inventory's host variables.
  - One request per query (plus one schema request with O(kind)).
requirements:
  - infrahub-lite (its C(infrahub_sdk) package) on the controller.
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.PLUGINS
options:
  _terms:
    description: The GraphQL query, when O(query) is not given.
    required: false
  query:
    description: A GraphQL query string, or a dict tree rendered as a query.
    type: raw
  graph_variables:
    description: Variables for O(query).
    type: dict
    default: {}
  kind:
    description: A node kind to list instead of sending O(query).
    type: str
  filters:
    description: GraphQL filter arguments for O(kind), for example C(name__value).
    type: dict
    default: {}
  include:
    description: Dotted paths read for each node of O(kind); without it, the attributes and cardinality-one relationships.
    type: list
    elements: str
    default: []
  at:
    description: Read the data as it was at this time (ISO 8601).
    type: str
"""

EXAMPLES = r"""
- name: Devices of a site, with a GraphQL query
  ansible.builtin.debug:
    msg: "{{ query('infrahub.lite.lookup', query=device_query, graph_variables={'site': 'paris'}) }}"
  vars:
    device_query: |
      query ($site: String!) {
        InfraDevice(site__name__value: $site) { edges { node { name { value } } } }
      }

- name: The same by kind and filters, as nested dicts
  ansible.builtin.debug:
    msg: "{{ query('infrahub.lite.lookup', kind='InfraDevice', filters={'site__name__value': 'paris'}, include=['name', 'site.name']) }}"
"""

RETURN = r"""
_list:
  description:
    - With O(query), the nodes under C(edges) of every top-level field (other fields whole).
    - With O(kind), one dict per node with C(id) and the O(include) paths.
  type: list
  elements: dict
"""

from typing import Any

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase
from ansible_collections.infrahub.lite.plugins.module_utils.client import (
    HAS_INFRAHUB_SDK,
    build_client,
    connection_settings,
)
from ansible_collections.infrahub.lite.plugins.module_utils.errors import describe_error, is_handled_error
from ansible_collections.infrahub.lite.plugins.module_utils.graphql import flatten_edges, render_document
from ansible_collections.infrahub.lite.plugins.module_utils.selection import (
    build_fields,
    project,
    render_query,
    schema_view,
)

CONNECTION_OPTIONS = ("api_endpoint", "token", "branch", "timeout", "validate_certs")


class LookupModule(LookupBase):
    def run(self, terms: list[Any], variables: dict[str, Any] | None = None, **kwargs: Any) -> list[Any]:
        self.set_options(var_options=variables, direct=kwargs)
        if not HAS_INFRAHUB_SDK:
            raise AnsibleError(
                "infrahub.lite.lookup needs the infrahub_sdk package (pip install infrahub-lite)"
            )
        settings = connection_settings({name: self.get_option(name) for name in CONNECTION_OPTIONS})
        client = build_client(settings)
        try:
            if self.get_option("kind"):
                return self._nodes_of_kind(client, settings["branch"])
            return self._query(client, settings["branch"], terms)
        except Exception as exc:
            if is_handled_error(exc):
                raise AnsibleError(f"infrahub.lite.lookup: {describe_error(exc)}") from exc
            raise

    def _query(self, client: Any, branch: str, terms: list[Any]) -> list[Any]:
        query = self.get_option("query") or (terms[0] if terms else None)
        if not query:
            raise AnsibleError("infrahub.lite.lookup: give a query (or a kind)")
        variables = self.get_option("graph_variables") or {}
        document = render_document(query, variables)
        data = client.execute_graphql(
            query=document, variables=variables or None, branch_name=branch, at=self.get_option("at")
        )
        return flatten_edges(data)

    def _nodes_of_kind(self, client: Any, branch: str) -> list[Any]:
        kind = self.get_option("kind")
        schemas = schema_view(client.schema.all(branch=branch))
        fields = build_fields(schemas, kind, self.get_option("include"))
        query = render_query(kind, fields, self.get_option("filters"))
        data = client.execute_graphql(query=query, branch_name=branch, at=self.get_option("at"))
        return [project(edge["node"], fields) for edge in data[kind]["edges"]]
