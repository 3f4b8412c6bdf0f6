# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

import pytest
from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError
from ansible_collections.infrahub.lite.plugins.modules.object_load import object_specs

OBJECTS = """\
---
apiVersion: infrahub.app/v1
kind: Object
spec:
  kind: NetSite
  data:
    - name: paris
    - name: denver
---
apiVersion: infrahub.app/v1
kind: Object
spec:
  kind: NetDevice
  data:
    - {name: paris-leaf-1, site: paris}
"""


def test_every_document_gives_its_kind_and_objects(tmp_path) -> None:
    path = tmp_path / "objects.yml"
    path.write_text(OBJECTS)

    assert object_specs(str(path)) == [
        ("NetSite", [{"name": "paris"}, {"name": "denver"}]),
        ("NetDevice", [{"name": "paris-leaf-1", "site": "paris"}]),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("apiVersion: v2\nkind: Object\nspec: {kind: X, data: []}\n", "apiVersion must be infrahub.app/v1"),
        ("apiVersion: infrahub.app/v1\nkind: Menu\nspec: {}\n", "kind must be Object, got 'Menu'"),
        (
            "apiVersion: infrahub.app/v1\nkind: Object\nspec:\n  kind: X\n  data:\n    - {name: a, tags: {data: [{name: t}]}}\n",
            "spec.data[0].tags: nested objects are not supported",
        ),
    ],
)
def test_a_wrong_file_is_refused_with_its_place(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(text)

    with pytest.raises(InfrahubCollectionError) as error:
        object_specs(str(path))

    assert str(error.value).startswith(f"{path} (document 1): {message}")
