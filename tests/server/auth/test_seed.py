"""A first start seeds `admin`, its token, and Infrahub's account groups and roles, once."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from typing import Any

import httpx
from starlette.applications import Starlette

from infrahub_server.app import create_app
from infrahub_server.settings import Settings

Serve = Callable[[Starlette], AbstractAsyncContextManager[httpx.AsyncClient]]
ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}
GROUPS = """{
  CoreAccountGroup {
    edges { node {
      name { value }
      members { edges { node { display_label } } }
      roles { edges { node { name { value } permissions { count } } } }
    } }
  }
  CoreAccountRole { edges { node { name { value } } } }
  CoreAccount { count }
}"""


async def _seeded(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.post("/graphql/main", json={"query": GROUPS}, headers=ADMIN)
    data: dict[str, Any] = response.json()["data"]
    return data


def _groups(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        edge["node"]["name"]["value"]: {
            "members": [member["node"]["display_label"] for member in edge["node"]["members"]["edges"]],
            "roles": {
                role["node"]["name"]["value"]: role["node"]["permissions"]["count"]
                for role in edge["node"]["roles"]["edges"]
            },
        }
        for edge in data["CoreAccountGroup"]["edges"]
    }


async def test_a_first_start_creates_the_groups_and_roles_once(
    empty_settings: Settings, serve: Serve
) -> None:
    async with serve(create_app(empty_settings)) as client:
        first = await _seeded(client)
    async with serve(create_app(empty_settings)) as client:
        again = await _seeded(client)

    assert _groups(first) == {
        "Super Administrators": {"members": ["Admin"], "roles": {"Super Administrator": 1}},
        "Infrahub Users": {"members": [], "roles": {"General Access": 5, "Proposed Change Reviewer": 3}},
    }
    roles = sorted(edge["node"]["name"]["value"] for edge in first["CoreAccountRole"]["edges"])
    assert roles == ["Anonymous User", "General Access", "Proposed Change Reviewer", "Super Administrator"]
    assert first["CoreAccount"] == {"count": 1}
    assert again == first


async def test_without_anonymous_access_there_is_no_anonymous_role(
    empty_settings: Settings, serve: Serve
) -> None:
    async with serve(create_app(replace(empty_settings, allow_anonymous_access=False))) as client:
        data = await _seeded(client)

    roles = sorted(edge["node"]["name"]["value"] for edge in data["CoreAccountRole"]["edges"])
    assert roles == ["General Access", "Proposed Change Reviewer", "Super Administrator"]
