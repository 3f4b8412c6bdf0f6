"""The example playbooks of the collection parse, and name only modules that exist."""

from __future__ import annotations

import pytest
from ansible_harness import COLLECTION_SOURCE, Ansible

PLAYBOOKS = sorted((COLLECTION_SOURCE / "playbooks").glob("*.yml"))
EXAMPLES = [path for path in PLAYBOOKS if not path.name.startswith("inventory")]


def test_there_are_examples_for_each_step() -> None:
    assert [path.name for path in EXAMPLES] == [
        "land_branch.yml",
        "prepare_branch.yml",
        "render_and_push.yml",
    ]


@pytest.mark.parametrize("playbook", EXAMPLES, ids=lambda path: path.name)
def test_an_example_playbook_passes_the_syntax_check(ansible: Ansible, playbook: object) -> None:
    completed = ansible.run("ansible-playbook", "--syntax-check", "-i", "localhost,", str(playbook))

    assert "ERROR" not in completed.stderr
