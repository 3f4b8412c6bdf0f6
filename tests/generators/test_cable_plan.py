"""The cable plan tables: one row per cable, sorted, as CSV and as Markdown."""

from __future__ import annotations

import copy

from generators_repository import REPOSITORY, load_repository_module, read_query_response

table = load_repository_module("transforms/cable_table.py")
CABLE_PLAN = REPOSITORY / "tests" / "cable_plan"


def test_rows_are_sorted_whatever_the_query_order() -> None:
    data = read_query_response(CABLE_PLAN / "input.json")
    rows = table.cable_rows(data)
    assert rows[0] == table.CableRow(
        cable="dc1-spine1:eth1 <> dc1-leaf1:eth1",
        site_a="ams1",
        device_a="dc1-spine1",
        interface_a="eth1",
        site_b="ams1",
        device_b="dc1-leaf1",
        interface_b="eth1",
        status="connected",
    )
    shuffled = copy.deepcopy(data)
    shuffled["NetCable"]["edges"].reverse()
    assert table.cable_rows(shuffled) == rows
    assert len(rows) == 8


def test_csv_and_markdown_match_the_repository_outputs() -> None:
    rows = table.cable_rows(read_query_response(CABLE_PLAN / "input.json"))
    assert table.render_csv(rows) == (CABLE_PLAN / "output.csv").read_text()
    assert table.render_markdown(rows) == (CABLE_PLAN / "output.md").read_text()


def test_an_empty_fabric_has_a_header_and_no_rows() -> None:
    rows = table.cable_rows({"NetCable": {"edges": []}})
    assert table.render_csv(rows) == "cable,site_a,device_a,interface_a,site_b,device_b,interface_b,status\n"
    assert table.render_markdown(rows, title="dc9").endswith(
        "|---|---|---|---|---|---|---|---|\n\n0 cables\n"
    )


def test_separators_inside_values_are_escaped() -> None:
    row = table.CableRow("a|b, c", "s", "d", "i", "s", "d", "i", "planned")
    assert table.render_csv([row]).splitlines()[1] == '"a|b, c",s,d,i,s,d,i,planned'
    assert "| a\\|b, c | s |" in table.render_markdown([row])


def test_an_end_that_is_not_connected_is_left_empty() -> None:
    data = read_query_response(CABLE_PLAN / "input.json")
    data["NetCable"]["edges"] = data["NetCable"]["edges"][:1]
    data["NetCable"]["edges"][0]["node"]["endpoint_b"] = None
    assert table.render_csv(table.cable_rows(data)).splitlines()[1] == (
        "dc1-spine2:eth4 <> dc1-leaf4:eth2,fra1,dc1-spine2,eth4,,,,connected"
    )
