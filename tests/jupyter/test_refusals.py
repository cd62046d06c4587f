"""What the routes refuse: requests without Jupyter's authentication, paths outside the
server's root, and bodies that are not notebooks. A refusal writes nothing."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPResponse

from tests.jupyter.conftest import NOTEBOOK, Api

ROUTES = [
    ("POST", "checklist", {"path": NOTEBOOK, "content": {"cells": []}}),
    ("POST", "answer", {"path": NOTEBOOK, "id": "F1.5", "answer": "waived", "text": "x"}),
    ("POST", "templates", {"path": NOTEBOOK, "content": {"cells": []}, "id": "F1.5"}),
    ("GET", "requirements/F1.5?path=" + NOTEBOOK, None),
    ("GET", "standard?path=" + NOTEBOOK, None),
]


async def _raw(
    port: int, base: str, method: str, route: str, body: Any, headers: dict[str, str]
) -> HTTPResponse:
    url = f"http://127.0.0.1:{port}{base}raiassist/{route}"
    data = json.dumps(body) if body is not None else None
    return await AsyncHTTPClient().fetch(
        url, method=method, body=data, headers=headers, raise_error=False
    )


@pytest.mark.parametrize(("method", "route", "body"), ROUTES)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "token not-the-token"}])
def test_requests_without_authentication_are_refused(
    http_server: Any,
    jp_asyncio_loop: asyncio.AbstractEventLoop,
    jp_http_port: int,
    jp_base_url: str,
    root: Path,
    method: str,
    route: str,
    body: Any,
    headers: dict[str, str],
) -> None:
    before = (root / "examples" / "responsible-ai.yaml").read_bytes()
    request = _raw(jp_http_port, jp_base_url, method, route, body, headers)
    response = jp_asyncio_loop.run_until_complete(request)
    assert response.code == 403
    assert (root / "examples" / "responsible-ai.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("../outside.ipynb", 403, "outside the server's root"),
        ("examples/../../outside.ipynb", 403, "outside the server's root"),
        ("escape/credit.ipynb", 403, "outside the server's root"),
        ("/etc/passwd", 404, "no such file"),  # a leading slash still means the root
    ],
)
def test_paths_outside_the_root_are_refused(
    api: Api, root: Path, notebook: dict[str, Any], path: str, status: int, says: str
) -> None:
    outside = root.parent / "examples"  # beside the root, where ../ would lead
    outside.mkdir()
    (outside / "credit.ipynb").write_text(json.dumps(notebook))
    (outside / "outside.ipynb").write_text(json.dumps(notebook))
    kept = {p: p.read_bytes() for p in outside.iterdir()}
    (root / "escape").symlink_to(outside, target_is_directory=True)
    for endpoint, body in [
        ("checklist", {"path": path, "content": notebook}),
        ("answer", {"path": path, "id": "F1.5", "answer": "waived", "text": "x"}),
    ]:
        code, data = api(endpoint, body)
        assert (code, says in data["message"]) == (status, True), data
    assert {p: p.read_bytes() for p in outside.iterdir()} == kept
    assert not (root.parent / "responsible-ai.yaml").exists()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("{not json", "Invalid JSON"),
        ('["a", "list"]', "JSON object"),
        ({"path": NOTEBOOK, "content": "just text"}, "not notebook JSON"),
        ({"path": NOTEBOOK, "content": {"cells": 3}}, "'cells' is not a list"),
        ({"path": NOTEBOOK}, "not notebook JSON"),
        ({"content": {"cells": []}}, "'path'"),
    ],
)
def test_malformed_requests_get_a_clear_400_and_write_nothing(
    api: Api, root: Path, body: Any, says: str
) -> None:
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    status, data = api("checklist", body)
    assert status == 400
    assert says in data["message"]
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
