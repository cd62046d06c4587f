"""How other clients talk to the server: jupyterlab-lsp's concatenated notebook, and a client
that pulls diagnostics (it must never also get them pushed)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import SERVER, published, start
from tests.lsp.helpers import open_text, project_copy, replace_text


def concatenated(notebook: Path) -> str:
    """Code cells joined by blank lines, as jupyterlab-lsp builds its virtual document."""
    cells = json.loads(notebook.read_text())["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code") + "\n"


async def test_concatenated_notebook_under_an_ipynb_uri(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = project_copy(tmp_path) / "credit_model.ipynb"
    text = concatenated(path)
    uri = open_text(client, path, text)
    items = await published(client, uri, lambda d: "F1.5" in {x.code for x in d})
    f15 = next(d for d in items if d.code == "F1.5")
    assert text.splitlines()[f15.range.start.line].startswith('print("accuracy", accuracy_score(')
    # markdown lives only in the saved notebook: a filled section there counts as evidence
    data = json.loads(path.read_text())
    data["cells"].insert(
        1,
        {
            "cell_type": "markdown",
            "id": "prov",
            "metadata": {},
            "source": "## Data provenance\n\nThe bureau's monthly extract of closed loans, "
            "joined by the risk team; labels are observed defaults after twelve months.\n",
        },
    )
    path.write_text(json.dumps(data))
    replace_text(client, uri, 2, text + "\n")
    await published(client, uri, lambda d: "A4.2" not in {x.code for x in d})


async def test_one_broken_cell_in_a_concatenated_notebook_costs_only_itself(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = project_copy(tmp_path) / "credit_model.ipynb"
    cells = json.loads(path.read_text())["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    code.insert(2, "x = foo(")  # typed halfway, as a user does
    text = "\n\n".join(code) + "\n"
    uri = open_text(client, path, text)
    items = await published(client, uri, lambda d: "RA002" in {x.code for x in d})
    assert {"F1.5", "F2.5"} <= {d.code for d in items}
    broken = [d for d in items if d.code == "RA002"]
    assert len(broken) == 1 and text.splitlines()[broken[0].range.start.line] == "x = foo("


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pulling(lsp_client: LanguageClient) -> AsyncIterator[None]:
    lsp_client.init_result = await start(lsp_client, pull=True)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_a_pulling_client_gets_no_push(pulling: LanguageClient, tmp_path: Path) -> None:
    lsp_client = pulling
    capabilities = lsp_client.init_result.capabilities  # type: ignore[attr-defined]
    assert capabilities.diagnostic_provider is not None
    path = project_copy(tmp_path) / "train_credit.py"
    uri = open_text(lsp_client, path)
    report = await lsp_client.text_document_diagnostic_async(
        T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uri))
    )
    assert {"F1.5", "F2.5", "A4.2"} <= {d.code for d in report.items}  # type: ignore[union-attr]
    replace_text(lsp_client, uri, 2, path.read_text() + "\n")
    report = await lsp_client.text_document_diagnostic_async(
        T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uri))
    )
    assert report.items  # type: ignore[union-attr]
    # Absence needs a time bound: a push is debounced by 5 ms, so 300 ms is ample.
    await asyncio.sleep(0.3)
    assert uri not in lsp_client.diagnostics


async def test_a_pulling_client_gets_notebook_cells_pushed_and_only_once(
    pulling: LanguageClient, tmp_path: Path
) -> None:
    """vscode-languageclient 11 forgets pulled diagnostics of a cell whose editor scrolled out
    of view, so notebook cells are pushed even to a client that pulls; the pull answers
    nothing for them, or VS Code would show each problem twice."""
    from tests.lsp.notebook_helpers import cells_of, open_notebook

    path = project_copy(tmp_path) / "credit_model.ipynb"
    uris = open_notebook(pulling, path, cells_of(path))
    items = await published(pulling, uris[6], lambda d: "F1.5" in {x.code for x in d})
    assert {"F1.5", "F2.5"} <= {d.code for d in items}
    report = await pulling.text_document_diagnostic_async(
        T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uris[6]))
    )
    assert not report.items  # type: ignore[union-attr]


async def test_editing_one_cell_keeps_the_other_cells_pushed_diagnostics(
    pulling: LanguageClient, tmp_path: Path
) -> None:
    from tests.lsp.notebook_helpers import cells_of, edit_cell, open_notebook

    path = project_copy(tmp_path) / "credit_model.ipynb"
    cells = cells_of(path)
    uris = open_notebook(pulling, path, cells)
    await published(pulling, uris[2], lambda d: "A4.2" in {x.code for x in d})
    waived = cells[6][1].replace(
        "accuracy_score(y_test, y_pred))",
        "accuracy_score(y_test, y_pred))  # rai: waive F1.5 -- ok",
    )
    assert waived != cells[6][1]
    edit_cell(pulling, path, 1, uris[6], waived, cells[6][1])
    await published(pulling, uris[6], lambda d: "F1.5" not in {x.code for x in d})
    assert "A4.2" in {x.code for x in pulling.diagnostics[uris[2]]}
