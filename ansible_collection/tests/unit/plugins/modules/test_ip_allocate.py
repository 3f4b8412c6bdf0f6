# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

from ansible_collections.infrahub.lite.plugins.modules.ip_allocate import allocation_document


def test_the_allocation_carries_the_identifier_and_only_the_given_options() -> None:
    params = {
        "pool_id": "p1",
        "resource": "prefix",
        "identifier": "r1-p2p",
        "prefix_length": 31,
        "member_type": None,
        "data": {"description": "r1 to r2"},
    }

    mutation, document = allocation_document(params)

    assert mutation == "InfrahubIPPrefixPoolGetResource"
    assert document == (
        "mutation AllocateFromPool { InfrahubIPPrefixPoolGetResource(data: "
        '{id: "p1", identifier: "r1-p2p", prefix_length: 31, data: {description: "r1 to r2"}}) '
        "{ ok node { id kind identifier display_label } } }"
    )
