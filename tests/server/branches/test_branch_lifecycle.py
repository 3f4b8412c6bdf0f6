"""Branch create, update, delete and the write guard."""

from __future__ import annotations

import time

import pytest
from branch_harness import Lab

from infrahub_server.branches import (
    create_branch,
    delete_branch,
    ensure_writable,
    merge_branch,
    update_branch,
)
from infrahub_server.branches.claims import new_owner, take_claim
from infrahub_server.errors import BranchStateError, MergeInProgressError, ValidationError
from infrahub_server.store.engine import write_transaction


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ab", "String should have at least 3 characters"),
        ("has space", "Branch name contains invalid characters: ' '"),
        ("a..b", "Branch name contains invalid patterns or characters: .."),
        ("/abc", "Branch name contains invalid patterns or characters: starting with /"),
        ("a//b", "Branch name contains invalid patterns or characters: //"),
        ("a@{b", "Branch name contains invalid patterns or characters: @{"),
        ("a\\b", "Branch name contains invalid patterns or characters: backslash (\\)"),
        ("abc/", "Branch name cannot end with '/'"),
        ("abc.", "Branch name cannot end with '.'"),
        ("abc.lock", "Branch name cannot end with '.lock'"),
        ("x" * 251, "String should have at most 250 characters"),
    ],
)
def test_invalid_names_are_refused_with_infrahubs_messages(lab: Lab, name: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        create_branch(lab.store, name)
    assert refused.value.message == message
    assert lab.store.get_branch(name) is None


def test_create_reads_main_as_of_creation_and_refuses_duplicates(lab: Lab) -> None:
    record = create_branch(lab.store, "feature/add-atl2", description="new site")
    assert (record.status, record.origin_branch, record.description) == ("OPEN", "main", "new site")
    with pytest.raises(ValidationError, match="The branch feature/add-atl2 already exists"):
        create_branch(lab.store, "feature/add-atl2")
    with pytest.raises(ValidationError, match="default branch"):
        create_branch(lab.store, "other", origin_branch="feature/add-atl2")


def test_update_changes_the_description(lab: Lab) -> None:
    create_branch(lab.store, "desc-change")
    assert update_branch(lab.store, "desc-change", description="after").description == "after"


def test_delete_removes_the_branch_and_its_rows(lab: Lab) -> None:
    create_branch(lab.store, "doomed")
    region = lab.create("NetRegion", {"name": {"value": "emea"}}, branch="doomed")
    delete_branch(lab.store, "doomed")
    assert lab.store.get_branch("doomed") is None
    create_branch(lab.store, "doomed")
    assert lab.values(region, branch="doomed") is None
    assert lab.names("NetRegion", branch="doomed") == set()
    with pytest.raises(ValidationError):
        delete_branch(lab.store, "main")


def test_a_merged_branch_refuses_writes_but_stays_readable(lab: Lab) -> None:
    create_branch(lab.store, "done")
    region = lab.create("NetRegion", {"name": {"value": "apac"}}, branch="done")
    merge_branch(lab.store, "done")
    with pytest.raises(BranchStateError) as refused:
        ensure_writable(lab.store, "done")
    assert refused.value.code == "BRANCH_ALREADY_MERGED"
    assert lab.values(region, branch="done") == {"name": "apac", "description": None}
    ensure_writable(lab.store, "main")


def test_writes_are_refused_while_a_merge_claim_holds(lab: Lab) -> None:
    create_branch(lab.store, "merging")
    with write_transaction(lab.store.engine) as connection:
        take_claim(connection, "merging", new_owner())
    for branch in ("merging", "main"):
        with pytest.raises(MergeInProgressError) as refused:
            ensure_writable(lab.store, branch)
        assert refused.value.http_status == 423
    create_branch(lab.store, "bystander")
    ensure_writable(lab.store, "bystander")


def test_create_is_constant_time(lab: Lab) -> None:
    started = time.perf_counter()
    create_branch(lab.store, "quick")
    assert time.perf_counter() - started < 1
