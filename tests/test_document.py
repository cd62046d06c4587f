"""Reading inputs: scripts, `# %%` cells, notebooks of every vintage, and broken files.
Each broken input gives one clear message for that file; nothing raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from raiassist.document import read_document
from raiassist.scan import scan
from tests.helpers import FIXTURES

DOCS = FIXTURES / "documents"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.ipynb", "not valid notebook JSON at line"),
        ("cells-not-a-list.ipynb", "not a notebook: 'cells' is not a list"),
        ("not-an-object.ipynb", "not a notebook: the JSON is not an object"),
        ("latin1.py", "not UTF-8 text (byte 5)"),
        ("binary.py", "binary file, not Python source"),
        ("missing.py", "cannot read: No such file or directory"),
    ],
)
def test_broken_inputs_give_one_clear_error(name: str, message: str) -> None:
    document = read_document(DOCS / name)
    assert document.error is not None and document.error.startswith(message)
    assert document.cells == ()
    assert scan(document).hits == ()


def test_nbformat_3_is_upgraded_and_analysed() -> None:
    document = read_document(DOCS / "nbformat3.ipynb")
    assert document.error is None
    assert [c.kind for c in document.cells] == ["markdown", "code"]
    fit = scan(document).of("trains-model")
    assert [(h.location.cell, h.location.line) for h in fit] == [(1, 3)]


def test_non_python_notebooks_are_skipped_with_a_note() -> None:
    document = read_document(DOCS / "r-kernel.ipynb")
    assert document.cells == () and document.error is None
    assert document.notes == ("skipped: the notebook's language is r, not Python",)


@pytest.mark.parametrize("name", ["conda-kernel.ipynb", "codemirror-only.ipynb"])
def test_a_notebook_is_python_when_any_of_its_metadata_says_so(name: str) -> None:
    """A conda kernel's name or CodeMirror's mode is enough; the kernel's display name is not
    read (it is free text)."""
    document = read_document(DOCS / name)
    assert document.language == "python" and document.notes == ()
    assert scan(document).of("trains-model")


def test_other_declared_languages_are_skipped_with_a_note() -> None:
    document = read_document(DOCS / "julia-kernel.ipynb")
    assert document.cells == ()
    assert document.notes == ("skipped: the notebook's language is julia, not Python",)


def test_null_and_non_string_sources_are_read_as_text_around_them() -> None:
    document = read_document(DOCS / "odd-sources.ipynb")
    assert [c.source for c in document.cells][:2] == [
        "",
        "import pandas as pd\npd.read_csv('x.csv')\n",
    ]
    assert [c.kind for c in document.cells][2:] == ["raw", "raw"]
    assert scan(document).signals == {"loads-tabular-data"}


def test_magics_become_placeholders_and_line_numbers_stay_true() -> None:
    facts = scan(read_document(DOCS / "magics.ipynb"))
    assert not facts.problems
    assert [(h.location.cell, h.location.line) for h in facts.of("trains-model")] == [(0, 5)]
    # the %%time cell keeps its Python body; the %%bash cell contributes nothing
    assert [(h.location.cell, h.location.line) for h in facts.of("loads-tabular-data")] == [(2, 3)]
    assert {h.subject for h in facts.of("sensitive-attribute")} == {"sex"}


def test_a_cell_that_does_not_parse_is_reported_once_and_the_rest_is_analysed() -> None:
    facts = scan(read_document(DOCS / "one-bad-cell.ipynb"))
    assert len(facts.problems) == 1
    problem = facts.problems[0]
    assert (problem.location.cell, problem.location.line) == (1, 1)
    assert "does not parse" in problem.message
    assert {"loads-tabular-data", "trains-model", "sensitive-attribute"} <= facts.signals
    # names flow across cells: `df` from cell 0 is the DataFrame used in cell 2
    assert "consequential-domain" in facts.signals  # applicants.csv, hired


def test_percent_cells_split_a_script_and_locations_stay_file_lines() -> None:
    document = read_document(DOCS / "percent_cells.py")
    assert [c.kind for c in document.cells] == ["markdown", "code", "code"]
    facts = scan(document)
    assert [(h.location.cell, h.location.line) for h in facts.of("trains-model")] == [(None, 16)]
    sections = facts.of("section.intended-uses")
    assert [(h.kind, h.location.line) for h in sections] == [("evidence", 4)]


def test_empty_and_plain_files_have_no_signals_of_concern() -> None:
    assert scan(read_document(DOCS / "empty.py")).hits == ()
    assert scan(read_document(DOCS / "plain.py")).signals == {"loads-tabular-data"}


def test_expressions_nested_past_the_parser_limit(tmp_path: Path) -> None:
    # Generated: a 600 kB expression is no fixture to keep in the repository.
    path = tmp_path / "deep.py"
    path.write_text("import pandas as pd\ntotal = 1" + " + 1" * 200_000 + "\n")
    facts = scan(read_document(path))
    assert [p.message for p in facts.problems] == [
        "this cell does not parse: nested too deeply for Python's parser; it was skipped"
    ]
    nested = tmp_path / "parens.py"
    nested.write_text("x = " + "(" * 300 + "1" + ")" * 300 + "\n")
    assert "too many nested parentheses" in scan(read_document(nested)).problems[0].message


def test_huge_outputs_and_ten_thousand_cells(tmp_path: Path) -> None:
    # Generated from a small seed: 20 MB of output and 10,000 cells do not belong in git.
    seed = json.loads((DOCS / "one-bad-cell.ipynb").read_text())
    big = dict(
        seed,
        cells=[
            dict(
                seed["cells"][0],
                outputs=[
                    {
                        "output_type": "stream",
                        "name": "stdout",
                        "text": ["x" * 1000 + "\n"] * 20_000,
                    }
                ],
            )
        ],
    )
    (tmp_path / "big-output.ipynb").write_text(json.dumps(big))
    assert (tmp_path / "big-output.ipynb").stat().st_size > 20_000_000
    facts = scan(read_document(tmp_path / "big-output.ipynb"))
    assert facts.signals == {"loads-tabular-data", "consequential-domain"}
    many = dict(
        seed, cells=[dict(seed["cells"][2], id=f"c{i}", execution_count=i) for i in range(10_000)]
    )
    (tmp_path / "many-cells.ipynb").write_text(json.dumps(many))
    document = read_document(tmp_path / "many-cells.ipynb")
    assert len(document.cells) == 10_000
    hits = scan(document).of("trains-model")
    assert len(hits) == 50  # capped per name, so memory stays flat
