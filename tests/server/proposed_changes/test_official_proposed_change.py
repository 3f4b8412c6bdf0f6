"""OpsMill's `infrahub-sdk` 1.23.2 and `infrahubctl` drive a proposed change on our server: the SDK
has no proposed-change manager, so its users create the node and send the mutations; the
proposed-change tables of `infrahubctl branch report` are built from our answers (the report's
other part, `GET /api/diff/files`, belongs to the git repositories)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from compat.conftest import OfficialClients, official_clients, run_official
from live_server import LiveServer, running_server

pytestmark = [pytest.mark.compat, pytest.mark.e2e]
__all__ = ["official_clients"]

SCENARIO = """\
import time

from infrahub_sdk import Config, InfrahubClientSync

client = InfrahubClientSync()
edge = client.create(kind="BuiltinTag", name="edge", description="before")
edge.save()
client.branch.create(branch_name="describe-edge", wait_until_completion=True)
on_branch = client.get(kind="BuiltinTag", name__value="edge", branch="describe-edge")
on_branch.description.value = "after"
on_branch.save()

change = client.create(
    kind="CoreProposedChange", name="Describe edge", source_branch="describe-edge", destination_branch="main"
)
change.save()

VALIDATORS = '''query($id: ID!) { CoreProposedChange(ids: [$id]) { edges { node {
  validations { edges { node { __typename state { value } conclusion { value } } } } } } } }'''
for _ in range(300):
    node = client.execute_graphql(query=VALIDATORS, variables={"id": change.id})["CoreProposedChange"]["edges"][0]
    validators = {v["node"]["__typename"]: v["node"] for v in node["node"]["validations"]["edges"]}
    if len(validators) == 2 and all(v["state"]["value"] == "completed" for v in validators.values()):
        break
    time.sleep(0.05)
assert {kind: v["conclusion"]["value"] for kind, v in validators.items()} == {
    "CoreDataValidator": "success", "CoreSchemaValidator": "success"
}, validators

# A second account, in the seeded "Infrahub Users" group, approves with its own client.
bob = client.create(kind="CoreAccount", name="bob", password="bob-password-1")
bob.save()
users = client.get(kind="CoreAccountGroup", name__value="Infrahub Users")
users.members.fetch()
users.members.add(bob)
users.save()
reviewer = InfrahubClientSync(config=Config(username="bob", password="bob-password-1", api_token=None))
reviewed = reviewer.execute_graphql(
    query='mutation($id: String!) { CoreProposedChangeReview(data: {id: $id, decision: APPROVE}) { ok } }',
    variables={"id": change.id},
)
assert reviewed == {"CoreProposedChangeReview": {"ok": True}}, reviewed
print("validated")
"""

MERGE = """\
from infrahub_sdk import InfrahubClientSync

client = InfrahubClientSync()
change = client.get(kind="CoreProposedChange", name__value="Describe edge")
result = client.execute_graphql(
    query='mutation($id: String!) { CoreProposedChangeMerge(data: {id: $id}) { ok } }', variables={"id": change.id}
)
assert result == {"CoreProposedChangeMerge": {"ok": True}}, result
assert client.get(kind="CoreProposedChange", id=change.id).state.value == "merged"
assert client.get(kind="BuiltinTag", name__value="edge").description.value == "after"
print("merged")
"""


REPORT = """\
import asyncio

from rich.console import Console

from infrahub_sdk import InfrahubClient
from infrahub_sdk.ctl.branch import generate_proposed_change_tables
from infrahub_sdk.protocols import CoreProposedChange


async def main() -> None:
    client = InfrahubClient()
    # The query `infrahubctl branch report` sends, and the tables it prints from the answer.
    changes = await client.filters(
        kind=CoreProposedChange,
        source_branch__value="describe-edge",
        prefetch_relationships=True,
        property=True,
        include_metadata=True,
    )
    console = Console(width=200)
    for change, table in zip(changes, generate_proposed_change_tables(proposed_changes=changes), strict=True):
        console.print(f"Proposed change: {change.name.value}")
        console.print(table)


asyncio.run(main())
"""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_server(tmp_path_factory.mktemp("server")) as server:
        yield server


def _report(clients: OfficialClients, server: LiveServer, tmp_path: Path) -> dict[str, str]:
    """The change's table as printed: `{"State": "open", ...}`."""
    lines = run_official(clients, server, REPORT, tmp_path).stdout.splitlines()
    assert lines[0] == "Proposed change: Describe edge", lines
    return dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in lines[1:] if line.strip())


def test_official_sdk_opens_reviews_and_merges_a_proposed_change(
    official_clients: OfficialClients, live_server: LiveServer, tmp_path: Path
) -> None:
    assert "validated" in run_official(official_clients, live_server, SCENARIO, tmp_path).stdout
    report = _report(official_clients, live_server, tmp_path)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", report.pop("Created at"))
    assert report == {
        "Name": "Describe edge",
        "State": "open",
        "Is draft": "No",
        "Created by": "Admin",
        "Approvals": "1",
        "Rejections": "0",
    }

    assert "merged" in run_official(official_clients, live_server, MERGE, tmp_path).stdout
    assert _report(official_clients, live_server, tmp_path)["State"] == "merged"
