# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

import pytest
from ansible_collections.infrahub.lite.plugins.module_utils.artifacts import checksum
from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError
from ansible_collections.infrahub.lite.plugins.module_utils.schema_files import diff_is_empty, expand_paths


@pytest.mark.parametrize(
    ("body", "empty"),
    [
        ({"diff": {"added": {}, "changed": {}, "removed": {}}}, True),
        ({"diff": {"added": {"TestingThing": {}}, "changed": {}, "removed": {}}}, False),
        (None, True),
    ],
)
def test_a_check_without_additions_changes_or_removals_is_empty(body, empty: bool) -> None:
    assert diff_is_empty(body) is empty


def test_directories_are_walked_in_name_order(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.yml", "b/notes.txt", "1.yaml", "0.json"):
        (tmp_path / name).write_text("{}")

    assert expand_paths([str(tmp_path)]) == [str(tmp_path / name) for name in ("0.json", "1.yaml", "b/2.yml")]


def test_a_missing_path_is_named(tmp_path) -> None:
    with pytest.raises(InfrahubCollectionError, match=r"no-such\.yml: no such file or directory"):
        expand_paths([str(tmp_path / "no-such.yml")])


def test_the_checksum_is_the_md5_the_server_records() -> None:
    assert checksum("hostname r1\n") == "5f81053f50672cd2df415e942f7bcbf2"
