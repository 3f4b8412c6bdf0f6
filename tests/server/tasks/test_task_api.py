"""Tasks over the API: `InfrahubTask`, `InfrahubTaskRetry`/`InfrahubTaskCancel` in GraphQL, the
shapes the official SDK's task manager reads, and `GET /api/tasks/{id}`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from task_harness import finished

from infrahub_server.api.context import ServerContext
from infrahub_server.app import create_app
from infrahub_server.settings import Settings
from infrahub_server.tasks import TaskContext, TaskState, task_handler

Serve = Callable[[Starlette], AbstractAsyncContextManager[httpx.AsyncClient]]
ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}

TASKS_QUERY = """
query Tasks($state: [StateType], $workflow: [String]) {
  InfrahubTask(state: $state, workflow: $workflow, log_limit: 2) {
    count
    edges {
      node {
        id title state progress workflow branch created_at updated_at conclusion
        related_nodes { id kind }
        logs { count edges { node { message severity timestamp } } }
        available_actions { action available }
        error { status_class message }
        ... on WebhookDeliveryTask { http_request { url } }
      }
    }
  }
}
"""


@task_handler("test.api_echo")
def api_echo(task: TaskContext, payload: dict[str, Any]) -> dict[str, Any]:
    task.log("rendering")
    return {"config": payload["config"]}


@task_handler("test.api_broken")
def api_broken(task: TaskContext, payload: dict[str, Any]) -> None:
    raise ValueError("template missing")


@pytest.fixture
async def api(task_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=task_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def _graphql(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None) -> Any:
    response = await client.post(
        "/graphql/main", json={"query": query, "variables": variables or {}}, headers=ADMIN
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def test_infrahub_task_lists_tasks_in_the_sdk_shape(
    task_server: ServerContext, api: httpx.AsyncClient
) -> None:
    account_id = (await _graphql(api, "{ AccountProfile { id } }"))["AccountProfile"]["id"]
    done = task_server.tasks.submit(
        "test.api_echo",
        {"config": "hostname leaf1"},
        branch="main",
        title="Render leaf1",
        related_nodes=[account_id],
    )
    failed = task_server.tasks.submit("test.api_broken", {}, max_attempts=1)
    await finished(task_server, done)
    await finished(task_server, failed)

    data = await _graphql(api, TASKS_QUERY, {"state": ["COMPLETED"], "workflow": ["test.api_echo"]})

    node = data["InfrahubTask"]["edges"][0]["node"]
    assert data["InfrahubTask"]["count"] == 1
    record = task_server.tasks.get(done)
    assert node == {
        "id": done,
        "title": "Render leaf1",
        "state": "COMPLETED",
        "progress": 1.0,
        "workflow": "test.api_echo",
        "branch": "main",
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
        "conclusion": "success",
        "related_nodes": [{"id": account_id, "kind": "CoreAccount"}],
        "logs": {
            "count": 3,
            "edges": [
                {
                    "node": {
                        "message": "attempt 1 of 3 started",
                        "severity": "info",
                        "timestamp": node["logs"]["edges"][0]["node"]["timestamp"],
                    }
                },
                {
                    "node": {
                        "message": "rendering",
                        "severity": "info",
                        "timestamp": node["logs"]["edges"][1]["node"]["timestamp"],
                    }
                },
            ],
        },
        "available_actions": [
            {"action": "RETRY", "available": False},
            {"action": "CANCEL", "available": False},
        ],
        "error": None,
    }

    failures = await _graphql(api, TASKS_QUERY, {"state": ["FAILED"]})
    failure = failures["InfrahubTask"]["edges"][0]["node"]
    assert (failure["id"], failure["state"], failure["conclusion"]) == (failed, "FAILED", "failure")
    assert failure["error"] == {"status_class": "handler_error", "message": "ValueError: template missing"}
    assert failure["available_actions"][0] == {"action": "RETRY", "available": True}


async def test_retry_and_cancel_mutations(task_server: ServerContext, api: httpx.AsyncClient) -> None:
    failed = task_server.tasks.submit("test.api_broken", {}, max_attempts=1)
    await finished(task_server, failed)

    retried = await _graphql(
        api,
        "mutation($id: String!) { InfrahubTaskRetry(data: {id: $id}) { ok task { id } } }",
        {"id": failed},
    )
    assert retried == {"InfrahubTaskRetry": {"ok": True, "task": {"id": failed}}}
    again = await finished(task_server, failed)
    assert (again.state, again.attempts) == (TaskState.FAILED, 1)

    canceled = await _graphql(
        api, "mutation($id: String!) { InfrahubTaskCancel(data: {id: $id}) { ok } }", {"id": failed}
    )
    assert canceled == {"InfrahubTaskCancel": {"ok": False}}


async def test_get_task_returns_state_result_error_and_logs(
    task_server: ServerContext, api: httpx.AsyncClient
) -> None:
    task_id = task_server.tasks.submit("test.api_echo", {"config": "hostname spine1"}, related_nodes=["n1"])
    record = await finished(task_server, task_id)

    response = await api.get(f"/api/tasks/{task_id}")

    assert response.status_code == 200
    body = response.json()
    assert [log["message"] for log in body.pop("logs")] == [
        "attempt 1 of 3 started",
        "rendering",
        "completed",
    ]
    assert body == {
        "id": task_id,
        "name": "test.api_echo",
        "title": "test.api_echo",
        "state": "completed",
        "stage": "default",
        "branch": None,
        "progress": 1.0,
        "attempts": 1,
        "max_attempts": 3,
        "related_nodes": ["n1"],
        "parent_id": None,
        "result": {"config": "hostname spine1"},
        "error": None,
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
        "started_at": record.started_at.isoformat() if record.started_at else None,
        "finished_at": record.finished_at.isoformat() if record.finished_at else None,
    }


async def test_get_task_of_an_unknown_id_is_a_404(api: httpx.AsyncClient) -> None:
    response = await api.get("/api/tasks/no-such-task", headers=ADMIN)

    assert response.status_code == 404
    assert response.json()["errors"][0]["message"] == "Task 'no-such-task' not found"


async def test_get_task_needs_a_session_when_anonymous_access_is_off(
    task_settings: Settings, serve: Serve
) -> None:
    app = create_app(replace(task_settings, allow_anonymous_access=False))
    async with serve(app) as client:
        task_id = app.state.server.tasks.submit("test.api_echo", {"config": ""})
        anonymous = await client.get(f"/api/tasks/{task_id}")
        admin = await client.get(f"/api/tasks/{task_id}", headers=ADMIN)

    assert anonymous.status_code == 401
    assert admin.status_code == 200
