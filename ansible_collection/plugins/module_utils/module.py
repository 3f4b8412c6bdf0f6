# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""What every module does around its own work: options, the client, errors to `fail_json`, `--diff`."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible_collections.infrahub.lite.plugins.module_utils.client import (
    CONNECTION_ARGUMENT_SPEC,
    HAS_INFRAHUB_SDK,
    INFRAHUB_SDK_IMPORT_ERROR,
    build_client,
    connection_settings,
)
from ansible_collections.infrahub.lite.plugins.module_utils.errors import describe_error, is_handled_error


def argument_spec(**options: dict[str, Any]) -> dict[str, Any]:
    """The connection options plus the module's own."""
    spec = deepcopy(CONNECTION_ARGUMENT_SPEC)
    spec.update(options)
    return spec


def run_module(module: AnsibleModule, work: Callable[[Any, dict[str, Any]], dict[str, Any]]) -> None:
    """Call `work(client, settings)` and exit with its result; SDK and collection errors become `fail_json`."""
    if not HAS_INFRAHUB_SDK:
        module.fail_json(
            msg=missing_required_lib("infrahub_sdk (from infrahub-lite)"), exception=INFRAHUB_SDK_IMPORT_ERROR
        )
    settings = connection_settings(module.params)
    try:
        result = work(build_client(settings), settings)
    except Exception as exc:  # pylint: disable=broad-exception-caught
        if not is_handled_error(exc):
            raise
        module.fail_json(msg=describe_error(exc))
    if not module._diff:
        result.pop("diff", None)
    module.exit_json(**result)
