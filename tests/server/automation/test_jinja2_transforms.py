"""`/api/transform/jinja2/{name}`: the template of the repository renders the query's data as
`data`, with netutils' filters, inside Jinja2's sandbox and the repository's directory."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.server.automation.conftest import ADMIN, Api

INTERFACES = """{% for edge in data.BuiltinTag.edges %}
interface {{ edge.node.name.value | canonical_interface_name }}
{% endfor %}
"""


async def _transform(api: Api, folder: Path, template: str, text: str) -> str:
    (folder / template).write_text(text)
    query_id = await api.stored_query("tags")
    repository_id = await api.repository(folder)
    name = template.replace(".", "_")
    await api.create(
        "CoreTransformJinja2",
        {
            "name": {"value": name},
            "template_path": {"value": template},
            "query": {"id": query_id},
            "repository": {"id": repository_id},
        },
    )
    return name


async def test_the_template_renders_the_query_data_with_netutils_filters(
    api: Api, client: httpx.AsyncClient, repository_folder: Path
) -> None:
    await api.tag("Gi0/1")
    await api.tag("Te1/0/2")
    name = await _transform(api, repository_folder, "interfaces.j2", INTERFACES)

    everything = await client.get(f"/api/transform/jinja2/{name}")
    one = await client.get(f"/api/transform/jinja2/{name}?name=Te1/0/2&branch=main", headers=ADMIN)

    assert everything.status_code == 200, everything.text
    assert everything.headers["content-type"].startswith("text/plain")
    assert everything.text == "interface GigabitEthernet0/1\ninterface TenGigabitEthernet1/0/2\n"
    assert one.text == "interface TenGigabitEthernet1/0/2\n"


async def test_reaching_python_internals_is_refused_by_the_sandbox(
    api: Api, client: httpx.AsyncClient, repository_folder: Path
) -> None:
    escape = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    name = await _transform(api, repository_folder, "escape.j2", escape)

    response = await client.get(f"/api/transform/jinja2/{name}")

    assert response.status_code == 500
    message = response.json()["errors"][0]["message"]
    assert message.startswith("The template escape.j2 failed to render: SecurityError")
    assert "__class__" in message


async def test_templates_cannot_read_files_outside_the_repository(
    api: Api, client: httpx.AsyncClient, repository_folder: Path
) -> None:
    secret = repository_folder.parent / "secret.txt"
    secret.write_text("server secret")
    (repository_folder / "linked.txt").symlink_to(secret)
    name = await _transform(api, repository_folder, "leak.j2", "{% include '../secret.txt' %}")
    (repository_folder / "leak.j2").write_text("{% include 'linked.txt' %}")
    relative = await client.get(f"/api/transform/jinja2/{name}")

    assert relative.status_code == 500
    assert relative.json()["errors"][0]["message"] == "The template 'linked.txt' is not in the repository"
    (repository_folder / "leak.j2").write_text("{% include '../secret.txt' %}")
    upwards = await client.get(f"/api/transform/jinja2/{name}")
    assert upwards.json()["errors"][0]["message"] == "The template '../secret.txt' is not in the repository"
    assert "server secret" not in relative.text + upwards.text


async def test_a_missing_variable_fails_instead_of_rendering_nothing(
    api: Api, client: httpx.AsyncClient, repository_folder: Path
) -> None:
    name = await _transform(api, repository_folder, "typo.j2", "hostname {{ data.InfraDevice.name }}")

    response = await client.get(f"/api/transform/jinja2/{name}")

    assert response.status_code == 500
    assert "UndefinedError" in response.json()["errors"][0]["message"]
    assert (await client.get("/api/info")).status_code == 200
