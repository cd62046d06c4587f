"""An inserted per-group evaluation runs where it lands: after the cells that define its
inputs, over names that exist; what raiassist cannot find stays a placeholder that counts for
nothing."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from pytest_lsp import LanguageClient

from raiassist.checking import check_paths
from raiassist.config import load_config
from raiassist.standard import load_standard
from tests.lsp.conftest import published
from tests.lsp.helpers import actions_for, apply, open_text, project_copy
from tests.lsp.notebook_helpers import cells_of, open_notebook


def codes(items: list) -> set[str]:  # type: ignore[type-arg]
    return {str(d.code) for d in items}


async def test_a_notebook_evaluation_is_a_new_cell_after_its_inputs(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = project_copy(tmp_path) / "templates" / "out_of_order.ipynb"
    cells = cells_of(path)
    uris = open_notebook(client, path, cells)
    items = await published(client, uris[3], lambda d: "F1.5" in codes(d))
    f15 = next(d for d in items if d.code == "F1.5")
    action = (await actions_for(client, uris[3], f15))[0]
    assert action.title.startswith("Insert a per-group evaluation")
    assert action.command is not None and action.command.command == "raiassist.insertCell"
    (request,) = action.command.arguments  # type: ignore[misc]
    # y_test is made in cell 6 and y_pred in cell 7 (1-based): the new cell goes after both
    assert request["index"] == 7 and request["kind"] == "code"
    code = request["text"]
    ast.parse(code)
    assert "y_true=y_test," in code and "y_pred=y_pred," in code
    assert 'sensitive_features=loans.loc[y_test.index, "sex"],' in code
    data = json.loads(path.read_text())
    data["cells"].insert(
        7, {"cell_type": "code", "metadata": {}, "outputs": [], "source": code, "id": "new"}
    )
    inserted = tmp_path / "project" / "templates" / "inserted.ipynb"
    inserted.write_text(json.dumps(data))
    again = open_notebook(client, inserted, cells_of(inserted))
    await published(client, again[3], lambda d: "F1.5" not in codes(d) and "F2.5" not in codes(d))


async def test_inputs_it_cannot_find_stay_placeholders_that_satisfy_nothing(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = project_copy(tmp_path) / "templates" / "unknown_inputs.py"
    uri = open_text(client, path)
    items = await published(client, uri, lambda d: "F1.5" in codes(d))
    f15 = next(d for d in items if d.code == "F1.5")
    action = (await actions_for(client, uri, f15))[0]
    assert action.title.endswith("(fill in the inputs marked ...)")
    fixed = apply(path.read_text(), action.edit.changes[uri])  # type: ignore[union-attr,index]
    ast.parse(fixed)
    assert "y_true=...,  # the true labels" in fixed and "sensitive_features=...," in fixed
    path.write_text(fixed)  # as the editor saves it: the commit hook gives the verdict
    report = check_paths([path], load_config(path), load_standard(), parallel=False)
    f15_after = next(f for f in report.files[0].findings if f.id == "F1.5")
    assert f15_after.status == "open" and not f15_after.evidence


def test_a_column_named_only_after_the_metric_is_not_used() -> None:
    """The sensitive column of a table loaded after the evaluation point (an exercise at the end
    of a tutorial) would make code that fails there: it stays a placeholder."""
    from raiassist.document import read_document
    from raiassist.scan import scan
    from raiassist.templating import evaluation

    path = Path(__file__).parent.parent / "fixtures" / "lsp_project" / "templates"
    standard = load_standard()
    facts = scan(read_document(path / "other_table_later.py"), catalogue=standard.catalogue)
    found = evaluation(standard.by_id["F1.5"], facts)
    assert found is not None and not found.complete
    assert (found.cell, found.line) == (None, 12), "after the metric, the last input"
    assert "y_true=y_test," in found.code and "passengers" not in found.code
    assert "sensitive_features=...,  # the sensitive column" in found.code
