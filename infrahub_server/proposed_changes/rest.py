"""`GET|PUT /api/proposed-change/{change_id}/approvals`: a proposed change's own required
approval count (`{"required_approvals": 2}`; null returns it to the server's setting).

Raising the count needs `review_proposed_change`; lowering it below the server's setting, or
removing the override, needs `super_admin`: whoever may merge must not be able to waive reviews.
"""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse

from infrahub_server.api.bodies import read_json_object
from infrahub_server.api.context import require_permission, require_session, server_context
from infrahub_server.errors import ValidationError
from infrahub_server.permissions import check_permission
from infrahub_server.permissions.model import GlobalAction
from infrahub_server.proposed_changes.policy import approvals_override, set_approvals_override
from infrahub_server.proposed_changes.records import OPEN, load_proposed_change
from infrahub_server.store import Store


def _document(store: Store, change_id: str, setting: int) -> dict[str, Any]:
    load_proposed_change(store, change_id)
    override = approvals_override(store, change_id)
    return {
        "id": change_id,
        "required_approvals": setting if override is None else override,
        "source": "setting" if override is None else "proposed_change",
    }


def _requested_count(body: dict[str, Any]) -> int | None:
    count = body.get("required_approvals")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
        raise ValidationError(
            "required_approvals must be an integer of 0 or more, or null",
            data={"field_name": "required_approvals", "value": count},
        )
    return count


async def approvals(request: Request) -> JSONResponse:
    if request.method == "PUT":
        return await _put_required_approvals(request)
    return await _get_required_approvals(request)


async def _get_required_approvals(request: Request) -> JSONResponse:
    await require_session(request, write=False)
    server = server_context(request)
    setting = server.settings.policy_required_proposed_change_approvals
    change_id = request.path_params["change_id"]
    return JSONResponse(await anyio.to_thread.run_sync(_document, server.store, change_id, setting))


async def _put_required_approvals(request: Request) -> JSONResponse:
    access = await require_permission(request, GlobalAction.REVIEW_PROPOSED_CHANGE, write=True)
    server = server_context(request)
    setting = server.settings.policy_required_proposed_change_approvals
    count = _requested_count(await read_json_object(request))
    if count is None or count < setting:
        check_permission(access.permissions, GlobalAction.SUPER_ADMIN)
    change_id = request.path_params["change_id"]

    def update() -> dict[str, Any]:
        change = load_proposed_change(server.store, change_id)
        if change.state != OPEN:
            raise ValidationError(
                f"The proposed change '{change.name}' is {change.state}: its policy can no longer change",
                data={"id": change_id, "state": change.state},
            )
        set_approvals_override(server.store, change_id, count)
        return _document(server.store, change_id, setting)

    return JSONResponse(await anyio.to_thread.run_sync(update))
