"""`infrahub.lite.proposed_change` against a real server requiring one approval, through self-asserting playbooks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ansible_harness import Ansible, RunningServer
from live_server import running_server

from infrahub_sdk import Config, InfrahubClientSync

pytestmark = pytest.mark.slow

REVIEWER_PASSWORD = "reviewer-password-1"
TOKEN_CREATE = (
    'mutation { InfrahubAccountTokenCreate(data: {name: "ansible"}) { object { token { value } } } }'
)


@pytest.fixture(scope="module")
def approving_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server whose proposed changes need one approval, with the tag the changes describe."""
    with running_server(
        tmp_path_factory.mktemp("server"), INFRAHUB_POLICY_REQUIRED_PROPOSED_CHANGE_APPROVALS="1"
    ) as live:
        server = RunningServer(address=live.address, token=live.token)
        with server.client() as client:
            client.create("BuiltinTag", name="edge", description="before").save()
        yield server


@pytest.fixture(scope="module")
def reviewer_token(approving_server: RunningServer) -> str:
    """An API token of a second account allowed to review (a member of "Infrahub Users")."""
    with approving_server.client() as client:
        reviewer = client.create("CoreAccount", name="reviewer", password=REVIEWER_PASSWORD)
        reviewer.save()
        users = client.get("CoreAccountGroup", name__value="Infrahub Users")
        users.members.fetch()
        users.members.add(reviewer)
        users.save()
    config = Config(
        address=approving_server.address, username="reviewer", password=REVIEWER_PASSWORD, api_token=None
    )
    with InfrahubClientSync(config=config) as client:
        created = client.execute_graphql(query=TOKEN_CREATE)
    token: str = created["InfrahubAccountTokenCreate"]["object"]["token"]["value"]
    return token


def _env(server: RunningServer) -> dict[str, str]:
    return {"INFRAHUB_ADDRESS": server.address, "INFRAHUB_API_TOKEN": server.token}


def test_open_validate_approve_and_merge(
    ansible: Ansible, approving_server: RunningServer, reviewer_token: str
) -> None:
    ansible.playbook(
        "proposed_change_lifecycle.yml", "-e", f"reviewer_token={reviewer_token}", env=_env(approving_server)
    )
    with approving_server.client() as client:
        (change,) = client.filters("CoreProposedChange", name__value="Describe edge")
        assert change.state.value == "merged"


def test_close_reopen_and_refuse_a_draft_and_a_conflict(
    ansible: Ansible, approving_server: RunningServer
) -> None:
    ansible.playbook("proposed_change_closing.yml", env=_env(approving_server))
    with approving_server.client() as client:
        (change,) = client.filters("CoreProposedChange", name__value="Try denver")
        assert change.state.value == "open"
        assert change.is_draft.value is False
