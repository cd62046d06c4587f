"""The scan across cells, and its per-cell cache for editors."""

from __future__ import annotations

from dataclasses import replace

from raiassist.document import Cell, Document, notebook_from_cells, read_document
from raiassist.scan import ScanCache, scan
from tests.helpers import ROOT

NOTEBOOK = ROOT / "examples" / "credit" / "credit_model_fair.ipynb"


def edited(document: Document, index: int, source: str) -> Document:
    cells = list(document.cells)
    cells[index] = replace(cells[index], source=source)
    return replace(document, cells=tuple(cells))


def test_cached_scan_walks_only_what_an_edit_can_change_and_agrees_with_a_fresh_one() -> None:
    document = read_document(NOTEBOOK)
    cache = ScanCache()
    first = scan(document, cache)
    assert cache.walked == len(document.code_cells)
    assert scan(document, cache).hits == first.hits and cache.walked == 0

    # an edit that binds no new names: only that cell is walked again
    metrics = next(c.index for c in document.cells if "accuracy_score(y_test" in c.source)
    changed = edited(document, metrics, document.cells[metrics].source + "\nprint(len(y_pred))\n")
    assert scan(changed, cache).hits == scan(changed).hits and cache.walked == 1

    # an edit that rebinds a name used later: the later cells are walked again too
    fit = next(c.index for c in document.cells if ".fit(" in c.source)
    rebound = edited(
        changed, fit, "from sklearn.svm import SVC\nmodel = SVC()\nmodel.fit(X_train, y_train)\n"
    )
    assert scan(rebound, cache).hits == scan(rebound).hits
    assert cache.walked > 1


def test_cells_are_read_in_document_order_whatever_their_execution_counts() -> None:
    """An editor clears an edited cell's count and a notebook may be run out of order; the
    verdict must not move with them (as in ruff and nbQA, a notebook reads top to bottom)."""
    cells = [
        ("code", "from sklearn.linear_model import LogisticRegression\nclf = LogisticRegression()"),
        ("code", "clf.fit(X_train, y_train, sample_weight=w)"),
    ]
    plain = notebook_from_cells("nb.ipynb", cells)
    shuffled = replace(plain, cells=(
        Cell(0, "code", plain.cells[0].source, execution_count=7),
        Cell(1, "code", plain.cells[1].source, execution_count=None),
    ))  # fmt: skip
    assert scan(plain).hits == scan(shuffled).hits
    hit = scan(shuffled).of("trains-model")[0]
    assert hit.detail == "trains a model with sklearn.linear_model.LogisticRegression.fit"
    assert hit.location.cell == 1
    backwards = notebook_from_cells("nb.ipynb", list(reversed(cells)))
    assert scan(backwards).of("trains-model")[0].detail == "trains a model with clf.fit"
