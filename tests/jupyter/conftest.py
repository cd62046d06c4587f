"""A real Jupyter server (pytest-jupyter) with raiassist's server extension, whose root holds
a copy of examples/ (tests never write into the repository)."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, ROOT

NOTEBOOK = "examples/credit/credit_model.ipynb"
Fetch = Callable[..., Awaitable[tuple[int, Any]]]
Api = Callable[..., tuple[int, Any]]


@pytest.fixture
def jp_server_config() -> dict[str, Any]:
    return {"ServerApp": {"jpserver_extensions": {"raiassist.jupyter": True}}}


@pytest.fixture
def root(jp_root_dir: Path) -> Path:
    shutil.copytree(ROOT / "examples", jp_root_dir / "examples")
    return jp_root_dir


@pytest.fixture
def notebook(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / NOTEBOOK).read_text(encoding="utf-8"))
    return data


@pytest.fixture
def with_evaluation(notebook: dict[str, Any]) -> dict[str, Any]:
    """The credit notebook with an unsaved per-group evaluation cell at the end."""
    source = (FIXTURES / "jupyter" / "fairness_cell.py").read_text(encoding="utf-8")
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    notebook["cells"].append({**cell, "source": source})
    return notebook


@pytest.fixture
def fetch(jp_fetch: Callable[..., Awaitable[Any]], root: Path) -> Fetch:
    """`await fetch("checklist", {...})` posts JSON; `await fetch("standard", params=...)`
    gets. Returns (status, parsed body); HTTP errors are returned, not raised."""

    async def call(endpoint: str, body: Any = None, **kwargs: Any) -> tuple[int, Any]:
        if body is not None:
            kwargs.update(method="POST", body=body if isinstance(body, str) else json.dumps(body))
        response = await jp_fetch("raiassist", endpoint, raise_error=False, **kwargs)
        text = response.body.decode() if response.body else ""
        return response.code, json.loads(text) if text else None

    return call


@pytest.fixture
def api(fetch: Fetch, jp_asyncio_loop: asyncio.AbstractEventLoop) -> Api:
    """`api("checklist", {...})`: `fetch` run to completion on the server's own event loop
    (the tests are plain functions, so pytest-asyncio does not bring a loop of its own)."""

    def call(endpoint: str, body: Any = None, **kwargs: Any) -> tuple[int, Any]:
        return jp_asyncio_loop.run_until_complete(fetch(endpoint, body, **kwargs))

    return call
