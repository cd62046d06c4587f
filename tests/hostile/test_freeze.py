"""Class 1, end to end: the inputs that froze raiassist finish quickly in every surface, a
runaway analysis becomes one finding for its file, and neither server stops serving while
a slow document is analysed."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

from lsprotocol import types as T
from pytest_lsp import LanguageClient

from tests.helpers import run_cli
from tests.hostile import generate
from tests.jupyter.conftest import NOTEBOOK, Fetch
from tests.lsp.helpers import open_text, request

OTHER = "examples/analysis/sales_summary.ipynb"
GENEROUS = 30  # seconds for what takes one or two; the old patterns took hours here


def test_check_is_quick_on_the_inputs_that_froze_it(tmp_path: Path) -> None:
    (tmp_path / "raiassist.toml").write_text("")
    made = generate.catastrophic_text(tmp_path)
    start = time.monotonic()
    result = run_cli("check", str(tmp_path), "--format", "json", timeout=GENEROUS * 2)
    assert time.monotonic() - start < GENEROUS
    assert result.returncode in (0, 1), result.stderr
    checked = {Path(f["path"]).name for f in json.loads(result.stdout)["files"]}
    assert checked == {p.name for p in made if p.suffix in (".py", ".ipynb")}


def test_a_runaway_analysis_becomes_one_finding_for_its_file(tmp_path: Path) -> None:
    (tmp_path / "raiassist.toml").write_text("")
    generate.long_script(tmp_path, "long.py", 60_000)
    (tmp_path / "small.py").write_text("import pandas as pd\ndf = pd.read_csv('a.csv')\n")
    env = {**os.environ, "RAIASSIST_TIME_LIMIT": "0.3", "RAIASSIST_NO_CACHE": "1"}
    result = run_cli("check", str(tmp_path), "--format", "json", env=env)
    assert result.returncode == 1, result.stderr
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    problems = [p["id"] for p in files["long.py"]["problems"]]
    assert (
        problems == ["RA004"] and "longer than 0.3 s" in files["long.py"]["problems"][0]["message"]
    )
    assert files["small.py"]["signals"] == ["loads-tabular-data"]
    assert not files["small.py"]["problems"]


def test_the_notebook_server_keeps_serving_during_a_slow_checklist(
    fetch: Fetch, jp_fetch: Any, jp_asyncio_loop: asyncio.AbstractEventLoop
) -> None:
    """Its status, and another notebook's checklist, come back before the slow one."""
    finished: list[str] = []

    async def slow() -> None:
        status, _ = await fetch(
            "checklist", {"path": NOTEBOOK, "content": generate.many_cells(3000)}
        )
        assert status == 200
        finished.append("checklist")

    async def status() -> None:
        await asyncio.sleep(0)  # the checklist request goes out first
        for _ in range(3):
            response = await jp_fetch("api", "status")
            assert response.code == 200
        finished.append("status")

    async def other() -> None:
        await asyncio.sleep(0)
        content = {"cells": [{"cell_type": "code", "source": "import pandas", "metadata": {}}]}
        code, _ = await fetch("checklist", {"path": OTHER, "content": content})
        assert code == 200
        finished.append("other")

    jp_asyncio_loop.run_until_complete(asyncio.gather(slow(), status(), other()))
    assert finished[-1] == "checklist" and set(finished) == {"status", "other", "checklist"}


async def test_the_language_server_answers_while_a_big_document_is_analysed(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / "raiassist.toml").write_text("")
    big = generate.long_script(tmp_path, "big.py", 150_000)
    uri = open_text(client, big)
    standard = await request(client, "raiassist/standard", {"uri": uri})
    assert standard["version"] == "raiassist-standard/1"
    assert uri not in client.diagnostics, "answered only after the big document's analysis"
    hover = await client.text_document_hover_async(
        T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(0, 0))
    )
    assert hover is None or hover.contents
