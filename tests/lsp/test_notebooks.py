"""Notebooks over LSP 3.17: diagnostics on each cell's URI, context across cells, edits,
structure changes, save and close; the checklist request; the cell-template action."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as T
from pytest_lsp import LanguageClient

from tests.lsp.conftest import published, wait_for
from tests.lsp.helpers import actions_for, plain, project_copy, request
from tests.lsp.notebook_helpers import cell_uri, cells_of, edit_cell, open_notebook, restructure

EVALUATION = """from fairlearn.metrics import MetricFrame, selection_rate
by_sex = MetricFrame(metrics={"accuracy": accuracy_score, "rate": selection_rate},
                     y_true=y_test, y_pred=y_pred, sensitive_features=df.loc[X_test.index, "sex"])
"""


def codes(items: list[T.Diagnostic]) -> set[str]:
    return {str(d.code) for d in items}


async def test_notebook_lifecycle(client: LanguageClient, tmp_path: Path) -> None:
    path = project_copy(tmp_path) / "credit_model.ipynb"
    cells = cells_of(path)
    uris = open_notebook(client, path, cells)
    code = [u for u, (kind, _) in zip(uris, cells, strict=True) if kind == "code"]
    await wait_for(client, code)
    assert uris[0] not in client.diagnostics, "markdown cells get no diagnostics"
    metric = await published(client, uris[6], lambda d: {"F1.5", "F2.5"} <= codes(d))
    assert {(d.code, d.range.start.line, d.range.start.character) for d in metric} >= {
        ("F1.5", 1, 18),
        ("F2.5", 1, 18),
    }
    assert "A4.2" in codes(client.diagnostics[uris[2]])  # read_csv in cell 3
    assert codes(client.diagnostics[uris[1]]) >= {"F1.4"}, "file-level findings: first code cell"

    # an evaluation typed into the last cell satisfies F1.5 raised in cell 7: one notebook
    last = len(cells) - 1
    edit_cell(client, path, 1, uris[last], cells[last][1] + "\n" + EVALUATION, cells[last][1])
    await published(client, uris[6], lambda d: not {"F1.5", "F2.5"} & codes(d))

    # structure: delete the metrics cell, insert a new broken one; stale diagnostics go
    new = cell_uri(path, 99)
    restructure(client, path, 2, start=6, delete=1, insert=[(new, "code", "def broken(:\n")])
    await published(client, uris[6], lambda d: d == [])
    broken = await published(client, new, lambda d: "RA002" in codes(d))
    assert broken[0].range.start.line == 0

    client.notebook_document_did_save(
        T.DidSaveNotebookDocumentParams(T.NotebookDocumentIdentifier(path.as_uri()))
    )
    client.notebook_document_did_close(
        T.DidCloseNotebookDocumentParams(
            T.NotebookDocumentIdentifier(path.as_uri()),
            [T.TextDocumentIdentifier(u) for u in [*uris[:6], new, *uris[7:]]],
        )
    )
    for uri in [*code[:3], new]:
        await published(client, uri, lambda d: d == [])


async def test_checklist_request_and_cell_template_action(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = project_copy(tmp_path) / "credit_model.ipynb"
    cells = cells_of(path)
    uris = open_notebook(client, path, cells)
    items = await published(client, uris[2], lambda d: "A4.2" in codes(d))
    checklist = await request(client, "raiassist/checklist", {"uri": uris[4]})
    statuses = {r["id"]: r["status"] for r in checklist["requirements"]}
    assert statuses["F1.5"] == "open" and statuses["A3.5"] == "met"
    assert checklist["relative"] == "credit_model.ipynb" and len(checklist["goals"]) == 17
    lines = {line["requirement"]: line for line in checklist["incidents"]}
    assert lines["F1.5"] == {  # the tree item's one incident line
        "requirement": "F1.5",
        "id": "gender-shades",
        "text": "Commercial face analysis failed darker-skinned women most (2018)",
        "url": "https://digitalgovernmenthub.org/library/gender-shades-intersectional-accuracy-disparities-in-commercial-gender-classification",
    }
    a42 = next(d for d in items if d.code == "A4.2")
    actions = {a.title: a for a in await actions_for(client, uris[2], a42)}
    insert = actions["Insert the 'data-provenance' template as a markdown cell"].command
    assert insert is not None and insert.command == "raiassist.insertCell"
    argument = insert.arguments[0]  # type: ignore[index]
    assert argument["notebook"] == path.as_uri() and argument["index"] == 3
    assert argument["kind"] == "markdown" and argument["text"].startswith("## Data provenance")


async def test_check_workspace_reports_progress(client: LanguageClient) -> None:
    result = plain(
        await client.workspace_execute_command_async(
            T.ExecuteCommandParams("raiassist.checkWorkspace", [])
        )
    )
    assert result["version"] == "raiassist-check/1" and result["summary"]["files"] > 10
    kinds = [
        getattr(v, "kind", None) for values in client.progress_reports.values() for v in values
    ]
    assert kinds[0] == "begin" and kinds[-1] == "end" and "report" in kinds


async def test_hover_in_a_notebook_cell(client: LanguageClient, tmp_path: Path) -> None:
    path = project_copy(tmp_path) / "credit_model.ipynb"
    uris = open_notebook(client, path, cells_of(path))
    await published(client, uris[6], lambda d: "F1.5" in codes(d))
    assert "%3D%3D" in uris[6], "VS Code's cell URIs are quoted"
    hover = await client.text_document_hover_async(
        T.HoverParams(T.TextDocumentIdentifier(uris[6]), T.Position(1, 20))
    )
    assert hover is not None and "**F1.5 " in hover.contents.value  # type: ignore[union-attr]
