from __future__ import annotations

import pytest

from labkit import LabError
from labkit.names import (
    bridge_name,
    check_prefix,
    linux_interface_names,
    management_port_name,
    namespace_name,
)


def test_interface_names_linux_accepts_are_kept_the_others_mapped_without_clashing() -> None:
    names = ["lo", "eth0", "Ethernet1/1", "if1", "Port-Channel10.100x", "Management 1"]

    assert linux_interface_names(names) == {
        "lo": "lo",
        "eth0": "eth0",
        "Ethernet1/1": "if2",
        "if1": "if1",
        "Port-Channel10.100x": "if3",
        "Management 1": "if4",
    }


def test_namespace_names_are_valid_pathspaces_and_host_links_fit_fifteen_characters() -> None:
    assert namespace_name("ilab-", "core.rtr/1") == "ilab-core-rtr-1"
    longest = check_prefix("abcdefghi-")
    assert len(bridge_name(longest)) <= 15
    assert len(management_port_name(longest, 999)) <= 15


@pytest.mark.parametrize("prefix", ["", "ilab", "Lab-", "abcdefghij-", "a/b-"])
def test_prefixes_that_would_break_names_are_refused(prefix: str) -> None:
    with pytest.raises(LabError, match="lab prefix"):
        check_prefix(prefix)
