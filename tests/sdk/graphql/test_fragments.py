"""Query files with fragments from `graphql_fragments`: what gets inlined, and what is refused."""

from __future__ import annotations

import pytest

from infrahub_sdk.exceptions import (
    CircularFragmentError,
    DuplicateFragmentError,
    FragmentNotFoundError,
    QuerySyntaxError,
)
from infrahub_sdk.graphql.fragments import render_query

QUERY = "query devices { NetDevice { edges { node { ...device } } } }"
DEVICE = "fragment device on NetDevice { name { value } site { node { ...place } } }"
PLACE = "fragment place on NetSite { name { value } }"
UNUSED = "fragment unused on NetSite { id }"


def test_used_fragments_are_inlined_transitively() -> None:
    rendered = render_query(QUERY, [DEVICE, PLACE + "\n" + UNUSED])
    assert rendered.startswith(QUERY)
    assert "fragment device on NetDevice" in rendered
    assert "fragment place on NetSite" in rendered
    assert "unused" not in rendered


def test_query_without_spreads_is_unchanged() -> None:
    query = "query { NetDevice { count } }"
    assert render_query(query, [DEVICE]) == query


def test_a_query_fragment_of_its_own_wins() -> None:
    query = QUERY + "\n" + "fragment device on NetDevice { id }"
    assert render_query(query, [DEVICE, PLACE]) == query


@pytest.mark.parametrize(
    ("fragments", "error"),
    [
        ([PLACE], FragmentNotFoundError),
        ([DEVICE, PLACE, PLACE], DuplicateFragmentError),
        ([DEVICE, "fragment place on NetSite { parent { node { ...device } } }"], CircularFragmentError),
        (["fragment broken on"], QuerySyntaxError),
    ],
)
def test_refusals(fragments: list[str], error: type[Exception]) -> None:
    with pytest.raises(error):
        render_query(QUERY, fragments, query_file="queries/devices.gql")
