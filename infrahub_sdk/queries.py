"""GraphQL documents the clients send: fixed ones, and builders for specific calls."""

from __future__ import annotations

from typing import Any

from .graphql import Mutation

ALLOCATED_NODE = {"ok": None, "node": {"id": None, "kind": None, "identifier": None, "display_label": None}}


def pool_allocation(
    name: str, mutation: str, pool_id: str, options: dict[str, Any], data: dict[str, Any] | None
) -> Mutation:
    """`mutation <name> { <mutation>(data: {id, <options that are set>, data}) { ok node {...} } }`."""
    input_data: dict[str, Any] = {"id": pool_id}
    input_data.update({key: value for key, value in options.items() if value})
    if data:
        input_data["data"] = data
    return Mutation(name=name, mutation=mutation, query=ALLOCATED_NODE, input_data={"data": input_data})


SCHEMA_HASH_SYNC_STATUS = """
query {
  InfrahubStatus {
    summary {
      schema_hash_synced
    }
  }
}
"""

QUERY_USER = """
query GET_PROFILE_DETAILS {
  AccountProfile {
    id
    display_label
    account_type {
      value
    }
    status {
      label
      value
    }
    description {
      value
    }
    label {
      value
    }
    member_of_groups {
      count
      edges {
        node {
          display_label
          group_type {
            value
          }
          ... on CoreAccountGroup {
            id
            roles {
              count
              edges {
                node {
                  permissions {
                    count
                    edges {
                      node {
                        display_label
                        identifier {
                          value
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
"""


def commit_update_mutation(is_read_only: bool = False) -> str:
    """Set a repository's commit (protected, sourced from the repository itself)."""
    kind = "CoreReadOnlyRepository" if is_read_only else "CoreRepository"
    return f"""
mutation ($repository_id: String!, $commit: String!) {{
    {kind}Update(data: {{ id: $repository_id, commit: {{ is_protected: true, source: $repository_id, value: $commit }} }}) {{
        ok
        object {{
            commit {{
                value
            }}
        }}
    }}
}}
"""
