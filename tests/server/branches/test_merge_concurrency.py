"""Two merges of one branch at once: one wins, the other gets a clear error. Writes to main during a
merge either land before or after it, or are refused with MERGE_IN_PROGRESS; none is lost."""

from __future__ import annotations

import threading
from typing import Any

from branch_harness import Lab

from infrahub_server.branches import check_writable, create_branch, merge_branch
from infrahub_server.errors import BranchStateError, InfrahubError, MergeInProgressError
from infrahub_server.nodes import NodeService


def _branch_with_devices(lab: Lab, count: int) -> str:
    region = lab.create("NetRegion", {"name": {"value": "americas"}})
    site = lab.create("NetSite", {"name": {"value": "atl1"}, "parent": {"id": region}})
    create_branch(lab.store, "busy")
    with lab.store.change_set("busy", actor_id=None) as writer:
        service = NodeService(lab.schema, writer)
        for index in range(count):
            service.create(
                "NetDevice", {"name": {"value": f"d{index}"}, "role": {"value": "leaf"}, "site": {"id": site}}
            )
    return site


def test_two_merges_of_one_branch_one_wins(lab: Lab) -> None:
    _branch_with_devices(lab, 300)
    start = threading.Barrier(2)
    outcomes: list[Any] = []

    def merge() -> None:
        start.wait()
        try:
            outcomes.append(merge_branch(lab.store, "busy").status)
        except InfrahubError as error:
            outcomes.append(error)

    threads = [threading.Thread(target=merge) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("MERGED") == 1
    [loser] = [outcome for outcome in outcomes if outcome != "MERGED"]
    assert isinstance(loser, MergeInProgressError | BranchStateError)
    assert "busy" in loser.message
    assert len(lab.names("NetDevice")) == 300


def test_writes_to_main_during_a_merge_are_never_lost(lab: Lab) -> None:
    site = _branch_with_devices(lab, 300)
    written: list[str] = []
    refused: list[MergeInProgressError] = []
    merging = threading.Thread(target=merge_branch, args=(lab.store, "busy"))
    merging.start()
    for index in range(20):
        try:
            with lab.store.change_set("main", actor_id=None) as writer:
                check_writable(writer.connection, "main", "main")
                NodeService(lab.schema, writer).create(
                    "NetDevice",
                    {"name": {"value": f"m{index}"}, "role": {"value": "leaf"}, "site": {"id": site}},
                )
            written.append(f"m{index}")
        except MergeInProgressError as error:
            refused.append(error)
    merging.join()
    assert lab.store.get_branch("busy").status == "MERGED"  # type: ignore[union-attr]
    assert lab.names("NetDevice") == {f"d{index}" for index in range(300)} | set(written)
    assert all(error.code == "MERGE_IN_PROGRESS" for error in refused)
