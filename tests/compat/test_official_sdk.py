"""The official `infrahub-sdk` 1.23.2 and `infrahubctl` against our server, unchanged."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import LiveServer, OfficialClients, run_official

pytestmark = [pytest.mark.compat, pytest.mark.e2e]

SCHEMA = """\
version: "1.0"
nodes:
  - name: Site
    namespace: Lab
    default_filter: name__value
    human_friendly_id: [name__value]
    display_label: name__value
    attributes:
      - {name: name, kind: Text, unique: true}
  - name: Router
    namespace: Lab
    default_filter: name__value
    human_friendly_id: [name__value]
    display_label: name__value
    attributes:
      - {name: name, kind: Text, unique: true}
      - {name: description, kind: Text, optional: true}
      - {name: asn, kind: Number}
    relationships:
      - {name: site, peer: LabSite, cardinality: one, kind: Attribute, optional: true}
      - {name: tags, peer: BuiltinTag, cardinality: many, kind: Generic, optional: true}
"""


def _ctl(
    clients: OfficialClients, server: LiveServer, *args: str, cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(clients.infrahubctl), *args],
        env=server.env(COLUMNS="200"),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_infrahubctl_checks_loads_and_reports(
    official_clients: OfficialClients, live_server: LiveServer, tmp_path: Path
) -> None:
    (tmp_path / "lab.yml").write_text(SCHEMA)

    check = _ctl(official_clients, live_server, "schema", "check", "lab.yml", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "LabRouter" in check.stdout

    first = _ctl(official_clients, live_server, "schema", "load", "lab.yml", "--wait", "30", cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "loaded successfully" in first.stdout

    second = _ctl(official_clients, live_server, "schema", "load", "lab.yml", cwd=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "loaded successfully" not in second.stdout

    info = _ctl(official_clients, live_server, "info", cwd=tmp_path)
    assert info.returncode == 0, info.stdout + info.stderr
    assert "1.11" in info.stdout


CRUD_SCENARIO = """\
import asyncio
import os

from infrahub_sdk import Config, InfrahubClient, InfrahubClientSync
from infrahub_sdk.exceptions import GraphQLError, NodeNotFoundError

SCHEMA = {schema!r}


def sync_scenario() -> None:
    client = InfrahubClientSync()
    client.schema.load(schemas=[__import__("yaml").safe_load(SCHEMA)], wait_until_converged=True)
    assert "LabRouter" in client.schema.all(refresh=True)

    red = client.create(kind="BuiltinTag", name="red")
    red.save(allow_upsert=True)
    blue = client.create(kind="BuiltinTag", name="blue")
    blue.save(allow_upsert=True)
    paris = client.create(kind="LabSite", name="paris")
    paris.save()
    router = client.create(kind="LabRouter", name="r1", asn=65001, site=paris, tags=[red, blue],
                           description="edge router: 'paris' #1")
    router.save()

    by_filter = client.get(kind="LabRouter", name__value="r1", include=["tags"])
    assert by_filter.id == router.id
    assert by_filter.description.value == "edge router: 'paris' #1"
    assert by_filter.site.id == paris.id
    assert sorted(peer.id for peer in by_filter.tags.peers) == sorted([red.id, blue.id])
    by_filter.site.fetch()
    assert by_filter.site.peer.name.value == "paris"
    assert client.get(kind="LabRouter", id=router.id).id == router.id
    assert client.get(kind="LabRouter", id="r1").id == router.id
    assert client.get(kind="LabRouter", hfid=["r1"]).id == router.id

    for index in range(99):
        client.create(kind="LabSite", name=f"site-{{index:03}}").save()
    assert client.count(kind="LabSite") == 100
    assert len(client.all(kind="LabSite")) == 100
    assert len(client.all(kind="LabSite", parallel=True)) == 100
    assert len(client.filters(kind="LabSite", name__value="site-01", partial_match=True)) == 10

    by_filter.description.value = "changed"
    by_filter.tags.remove(blue.id)
    by_filter.save()
    again = client.get(kind="LabRouter", id=router.id, include=["tags"])
    assert again.description.value == "changed"
    assert [peer.id for peer in again.tags.peers] == [red.id]

    upserted = client.create(kind="LabRouter", name="r1", asn=65002)
    upserted.save(allow_upsert=True)
    assert upserted.id == router.id
    assert client.get(kind="LabRouter", id=router.id).asn.value == 65002

    try:
        client.create(kind="LabRouter", name="r1", asn=1).save()
    except GraphQLError as exc:
        assert "uniqueness" in str(exc), exc
    else:
        raise AssertionError("duplicate name accepted")
    try:
        client.create(kind="LabRouter", name="r9").save()
    except GraphQLError as exc:
        assert "asn is mandatory for LabRouter" in str(exc), exc
    else:
        raise AssertionError("missing mandatory attribute accepted")

    again.delete()
    try:
        client.get(kind="LabRouter", id=router.id)
    except NodeNotFoundError:
        pass
    else:
        raise AssertionError("deleted node still found")


async def async_scenario() -> None:
    client = InfrahubClient()
    site = await client.create(kind="LabSite", name="berlin")
    await site.save()
    router = await client.create(kind="LabRouter", name="r2", asn=65010, site=site)
    await router.save()
    fetched = await client.get(kind="LabRouter", hfid=["r2"])
    assert fetched.site.id == site.id
    fetched.asn.value = 65011
    await fetched.save()
    assert (await client.get(kind="LabRouter", id=router.id)).asn.value == 65011
    assert len(await client.filters(kind="LabRouter", site__name__value="berlin")) == 1
    await fetched.delete()
    assert await client.get(kind="LabRouter", id=router.id, raise_when_missing=False) is None


def login_scenario() -> None:
    os.environ.pop("INFRAHUB_API_TOKEN")
    client = InfrahubClientSync(config=Config(username="admin", password="infrahub"))
    assert client.get_version()
    assert client.get_user()["AccountProfile"]["name"]["value"] == "admin"
    tag = client.create(kind="BuiltinTag", name="made-with-a-password")
    tag.save()


sync_scenario()
asyncio.run(async_scenario())
login_scenario()
print("scenario passed")
"""


def test_official_sdk_crud_sync_async_and_login(
    official_clients: OfficialClients, live_server: LiveServer, tmp_path: Path
) -> None:
    result = run_official(
        official_clients,
        live_server,
        CRUD_SCENARIO.format(schema=SCHEMA),
        tmp_path,
    )

    assert "scenario passed" in result.stdout
