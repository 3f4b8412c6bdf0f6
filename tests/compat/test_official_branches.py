"""The official SDK's branch calls: lifecycle, isolation both ways, conflicts, time travel."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import LiveServer, OfficialClients, run_official

pytestmark = [pytest.mark.compat, pytest.mark.e2e]

SCENARIO = """\
import time
from datetime import datetime, timezone

from infrahub_sdk import InfrahubClientSync
from infrahub_sdk.exceptions import GraphQLError

SCHEMA = {
    "version": "1.0",
    "nodes": [{
        "name": "Router", "namespace": "Lab", "default_filter": "name__value",
        "human_friendly_id": ["name__value"], "display_label": "name__value",
        "attributes": [{"name": "name", "kind": "Text", "unique": True},
                       {"name": "description", "kind": "Text", "optional": True}],
    }],
}

client = InfrahubClientSync()
client.schema.load(schemas=[SCHEMA], wait_until_converged=True)
r1 = client.create(kind="LabRouter", name="r1", description="original")
r1.save()

branch = client.branch.create(branch_name="change-1", description="a change", wait_until_completion=True)
assert branch.name == "change-1" and branch.is_default is False
assert "change-1" in client.branch.all()
assert client.branch.get("change-1").name == "change-1"

# Isolation: a node made on the branch is invisible on main, a change on main after branching is
# invisible on the branch.
client.create(kind="LabRouter", name="r2", branch="change-1").save()
assert client.get(kind="LabRouter", name__value="r2", raise_when_missing=False) is None
late = client.create(kind="LabRouter", name="late-on-main")
late.save()
assert client.get(kind="LabRouter", name__value="late-on-main", branch="change-1", raise_when_missing=False) is None

# The same attribute changed on both sides: a conflict that blocks the merge until resolved.
on_branch = client.get(kind="LabRouter", name__value="r1", branch="change-1")
on_branch.description.value = "from the branch"
on_branch.save()
on_main = client.get(kind="LabRouter", name__value="r1")
on_main.description.value = "from main"
on_main.save()

client.execute_graphql(query='mutation { DiffUpdate(data: {branch: "change-1"}) { ok } }')
summary = client.get_diff_summary(branch="change-1")
assert any(node["kind"] == "LabRouter" for node in summary), summary
try:
    client.branch.merge(branch_name="change-1")
except GraphQLError as exc:
    assert "conflict" in str(exc).lower(), exc
else:
    raise AssertionError("merge with an unresolved conflict went through")

tree = client.execute_graphql(
    query='query { DiffTree(branch: "change-1") { nodes { label attributes { name '
    "conflict { uuid } properties { conflict { uuid } } } } } }"
)["DiffTree"]
conflicts = [
    prop["conflict"]["uuid"]
    for node in tree["nodes"] for attribute in node["attributes"]
    for prop in attribute["properties"] if prop.get("conflict")
]
assert conflicts, tree
for conflict_id in conflicts:
    client.execute_graphql(
        query='mutation { ResolveDiffConflict(data: {conflict_id: "%s", selected_branch: DIFF_BRANCH}) { ok } }'
        % conflict_id
    )

before_merge = datetime.now(timezone.utc).isoformat()
time.sleep(0.05)
assert client.branch.merge(branch_name="change-1") is True
assert client.get(kind="LabRouter", name__value="r2")
assert client.get(kind="LabRouter", name__value="r1").description.value == "from the branch"
assert client.get(kind="LabRouter", name__value="r2", at=before_merge, raise_when_missing=False) is None
assert client.get(kind="LabRouter", name__value="r1", at=before_merge).description.value == "from main"

# A merged branch is read only.
try:
    client.create(kind="LabRouter", name="too-late", branch="change-1").save()
except GraphQLError as exc:
    assert "merged" in str(exc).lower(), exc
else:
    raise AssertionError("a merged branch accepted a write")

# Rebase brings main's later changes into a branch.
client.branch.create(branch_name="change-2", wait_until_completion=True)
client.create(kind="LabRouter", name="after-change-2").save()
assert client.get(kind="LabRouter", name__value="after-change-2", branch="change-2", raise_when_missing=False) is None
client.branch.rebase(branch_name="change-2")
assert client.get(kind="LabRouter", name__value="after-change-2", branch="change-2")
assert client.branch.validate(branch_name="change-2") is not None
client.branch.delete("change-2")
assert "change-2" not in client.branch.all()
print("scenario passed")
"""


def test_official_sdk_branch_lifecycle(
    official_clients: OfficialClients, live_server: LiveServer, tmp_path: Path
) -> None:
    result = run_official(official_clients, live_server, SCENARIO, tmp_path)

    assert "scenario passed" in result.stdout
