"""Thousands of random edits to a notebook, sent as fast as the client can: the server keeps
answering, and at the end its diagnostics are exactly what the core says of the final text."""

from __future__ import annotations

import random
from pathlib import Path

from lsprotocol import types as T
from pytest_lsp import LanguageClient

from raiassist.checking import check_document
from raiassist.config import load_config
from raiassist.document import notebook_from_cells
from raiassist.standard import load_standard
from raiassist.standard.model import severity_rank
from tests.lsp.conftest import published
from tests.lsp.helpers import apply, project_copy, request
from tests.lsp.notebook_helpers import (
    cell_uri,
    cells_of,
    change_cell,
    open_notebook,
    restructure,
)

SNIPPETS = [
    "model.fit(X_train, y_train)\n",
    "print(accuracy_score(y_test, y_pred))\n",
    "%matplotlib inline\n",
    "df['gender'].value_counts()\n",
    "def broken(:\n",
    "x = (1 +\n",
    "!pip install fairlearn\n",
    "from fairlearn.metrics import MetricFrame\n",
    "  # rai: waive F1.5 -- checked elsewhere\n",
    "import numpy as np\nnp.random.seed(0)\n",
    "client.chat.completions.create(model='m')\n",
    "## Intended uses\nScores applications for manual review by loan officers only.\n",
    "é",
    "\n",
]


def expected(project: Path, cells: list[tuple[str, str]]) -> dict[int, set[str]]:
    config = load_config(project)
    standard = load_standard(config.settings.packs, config.root)
    document = notebook_from_cells("credit_model.ipynb", cells)
    report = check_document(document, "credit_model.ipynb", config, standard)
    first_code = next(i for i, (kind, _) in enumerate(cells) if kind == "code")
    result: dict[int, set[str]] = {i: set() for i, (kind, _) in enumerate(cells) if kind == "code"}
    for f in report.findings:
        if f.status != "open" or severity_rank(f.severity) < severity_rank(config.settings.show):
            continue
        if f.scope == "project" and f.kind == "requirement":
            continue
        cell = f.location.cell if f.location and f.location.cell is not None else first_code
        result[cell].add(f.id)
    return result


async def test_thousands_of_random_edits(client: LanguageClient, tmp_path: Path) -> None:
    rng = random.Random(20261127)
    project = project_copy(tmp_path)
    path = project / "credit_model.ipynb"
    cells = cells_of(path)
    uris = open_notebook(client, path, cells)
    version, made = 1, 0
    for step in range(3000):
        version += 1
        roll = rng.random()
        if roll < 0.08 and len(cells) > 2:  # delete a cell
            index = rng.randrange(len(cells))
            restructure(client, path, version, index, 1, [])
            del cells[index], uris[index]
        elif roll < 0.16:  # insert a cell
            index, made = rng.randrange(len(cells) + 1), made + 1
            new = (
                cell_uri(path, 1000 + made),
                rng.choice(["code", "code", "markdown"]),
                rng.choice(SNIPPETS),
            )
            restructure(client, path, version, index, 0, [new])
            cells.insert(index, (new[1], new[2]))
            uris.insert(index, new[0])
        else:  # type into a cell at a random place
            index = rng.randrange(len(cells))
            kind, text = cells[index]
            lines = text.split("\n")
            line = rng.randrange(len(lines))
            start = T.Position(line, rng.randint(0, len(lines[line])))
            end = T.Position(line, rng.randint(start.character, len(lines[line])))
            snippet = rng.choice(SNIPPETS)
            change_cell(client, path, version, uris[index], T.Range(start, end), snippet)
            cells[index] = (kind, apply(text, [T.TextEdit(T.Range(start, end), snippet)]))
        if step % 500 == 0:  # the server answers requests in the middle of the storm
            checklist = await request(client, "raiassist/checklist", {"uri": path.as_uri()})
            assert checklist is not None and checklist["kind"] == "notebook"

    want = expected(project, cells)
    for index, codes in want.items():
        await published(client, uris[index], lambda d, c=codes: {str(x.code) for x in d} == c)
    hover = await client.text_document_hover_async(
        T.HoverParams(T.TextDocumentIdentifier(uris[0]), T.Position(0, 0))
    )
    assert hover is None or hover.contents
