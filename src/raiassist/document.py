"""One `Document` for every input: a `.py` file (with or without `# %%` cells), a notebook
read with nbformat, or an editor buffer. Locations are (cell, line, column).

Reading never raises for bad content: a file that cannot be read becomes a Document with an
`error` and no cells, so a batch goes on with the next file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import field
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from raiassist.frozen import frozen
from raiassist.safe_read import Unreadable, read_bytes

CellKind = Literal["code", "markdown", "raw"]
_CELL_MARKER = re.compile(r"^# ?%%(?P<rest>.*)$")
_COMMENT_MARK = re.compile(r"^# ?")


@frozen
class Location:
    """A place in a document: `cell` is None for scripts, whose lines are file lines."""

    cell: int | None
    line: int
    column: int
    end_line: int = 0
    end_column: int = 0


@frozen
class Cell:
    index: int
    kind: CellKind
    source: str
    execution_count: int | None = None
    line_offset: int = 0  # lines before this cell in a script; 0 in notebooks


@frozen
class Document:
    path: str
    kind: Literal["script", "notebook"]
    cells: tuple[Cell, ...] = ()
    language: str = "python"
    error: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def code_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.kind == "code")

    def location(
        self, cell: Cell, line: int, column: int, end_line: int = 0, end_column: int = 0
    ) -> Location:
        """A location from cell-relative line and 0-based column."""
        if self.kind == "script":
            off = cell.line_offset
            return Location(None, line + off, column + 1, (end_line or line) + off, end_column + 1)
        return Location(cell.index, line, column + 1, end_line or line, end_column + 1)


def read_document(path: Path, display: str | None = None) -> Document:
    """Read a `.py` or `.ipynb` file into a Document."""
    name = display or str(path)
    try:
        raw = read_bytes(path)
    except Unreadable as exc:
        kind = document_kind(path)
        if exc.special:  # a FIFO or a device holds nothing to check: say so and go on
            return Document(name, kind, notes=(f"skipped: {exc.reason}",))
        return Document(name, kind, error=f"cannot read: {exc.reason}")
    return document_from_bytes(raw, document_kind(path), name)


def document_kind(path: Path) -> Literal["script", "notebook"]:
    return "notebook" if path.suffix == ".ipynb" else "script"


def document_from_bytes(raw: bytes, kind: Literal["script", "notebook"], name: str) -> Document:
    """A Document from a file's bytes: what a file holds decides everything but its name."""
    if b"\x00" in raw[:8192] and kind == "script":
        return Document(name, kind, error="binary file, not Python source")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Document(name, kind, error=f"not UTF-8 text (byte {exc.start})")
    return notebook_from_text(text, name) if kind == "notebook" else script_from_text(text, name)


def script_from_text(text: str, path: str) -> Document:
    """A script; `# %%` markers split it into cells (`# %% [markdown]` cells are markdown)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _CELL_MARKER.match(line)]
    if not starts:
        return Document(path, "script", (Cell(0, "code", text),))
    bounds = ([0] if starts[0] > 0 else []) + starts + [len(lines)]
    cells = []
    for index, (start, end) in enumerate(pairwise(bounds)):
        marker = _CELL_MARKER.match(lines[start])
        is_markdown = bool(marker and "[markdown]" in marker.group("rest"))
        body = "".join(lines[start:end])
        if is_markdown:
            body = "".join(_COMMENT_MARK.sub("", line) for line in lines[start + 1 : end])
            cells.append(Cell(index, "markdown", body, line_offset=start + 1))
        else:
            cells.append(Cell(index, "code", body, line_offset=start))
    return Document(path, "script", tuple(cells))


_CONTINUES = ("else", "elif", "except", "finally", "case", ")", "]", "}")
MERGE = 3  # segments a broken one may join with to make a block that parses


def concatenated_from_text(text: str, path: str) -> Document:
    """A notebook sent as one text (jupyterlab-lsp joins its code cells with blank lines), as
    a script whose cells are its top-level blocks: when the whole text does not parse, each
    block is parsed alone, so one broken cell costs only its own lines. A block is cut where
    a blank line is followed by a line at the margin that does not continue a statement."""
    from raiassist.parsing import ParseError, parse_cell

    if not isinstance(parse_cell(text), ParseError):
        return Document(path, "script", (Cell(0, "code", text),))
    lines = text.splitlines(keepends=True)
    starts = [0] + [
        i
        for i in range(1, len(lines))
        if not lines[i - 1].strip()
        and lines[i].strip()
        and not lines[i][0].isspace()
        and not lines[i].lstrip().startswith(_CONTINUES)
    ]
    bounds = [*starts, len(lines)]
    segments = [(bounds[i], bounds[i + 1]) for i in range(len(starts))]
    cells: list[Cell] = []
    index = 0
    while index < len(segments):
        start, end = segments[index]
        taken = 1
        if isinstance(parse_cell("".join(lines[start:end])), ParseError):
            for more in range(1, min(MERGE, len(segments) - index - 1) + 1):
                joined = "".join(lines[start : segments[index + more][1]])
                if not isinstance(parse_cell(joined), ParseError):
                    taken = more + 1
                    break
        end = segments[index + taken - 1][1]
        cells.append(Cell(len(cells), "code", "".join(lines[start:end]), line_offset=start))
        index += taken
    return Document(path, "script", tuple(cells))


def notebook_from_text(text: str, path: str) -> Document:
    """A notebook from its JSON text; nbformat upgrades versions before 4."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        return Document(path, "notebook", error=f"not valid notebook JSON{where}")
    return notebook_from_data(data, path)


def notebook_from_data(data: Any, path: str) -> Document:
    """A notebook from parsed JSON (any nbformat version)."""
    if not isinstance(data, dict):
        return Document(path, "notebook", error="not a notebook: the JSON is not an object")
    version = data.get("nbformat", 4)
    if type(version) is not int:  # `null`, `"4"`, `4.0` and `true` are not versions
        return Document(path, "notebook", error="not a notebook: 'nbformat' is not a whole number")
    if version < 4:
        data, error = _upgrade(data)
        if error:
            return Document(path, "notebook", error=error)
    language = _language(data.get("metadata"))
    if language != "python":
        return Document(
            path,
            "notebook",
            language=language,
            notes=(f"skipped: the notebook's language is {language}, not Python",),
        )
    cells = data.get("cells")
    if not isinstance(cells, list):
        return Document(path, "notebook", error="not a notebook: 'cells' is not a list")
    return Document(path, "notebook", tuple(_cells(cells)))


def notebook_from_cells(path: str, cells: Iterable[tuple[CellKind, str]]) -> Document:
    """A notebook from an editor's cells (kind, text), in document order."""
    return Document(path, "notebook", tuple(Cell(i, k, s) for i, (k, s) in enumerate(cells)))


def _upgrade(data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    import nbformat

    try:
        upgraded: dict[str, Any] = nbformat.reads(  # type: ignore[no-untyped-call]
            json.dumps(data), as_version=4, capture_validation_error={}
        )
        return upgraded, None
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds on broken input
        return data, f"cannot upgrade this nbformat {data.get('nbformat')} notebook: {exc}"


def _language(metadata: Any) -> str:
    """The notebook's code language: Python when anything in its metadata says so (the
    kernel's `language_info`, the kernelspec's `language` or name, CodeMirror's mode), else
    the language it declares, else Python."""
    if not isinstance(metadata, dict):
        return "python"
    info = metadata.get("language_info")
    spec = metadata.get("kernelspec")
    info = info if isinstance(info, dict) else {}
    spec = spec if isinstance(spec, dict) else {}
    mode = info.get("codemirror_mode")
    mode = mode.get("name") if isinstance(mode, dict) else mode
    declared = [info.get("name"), spec.get("language"), mode, spec.get("name")]
    names = [str(n).strip().lower() for n in declared if isinstance(n, str) and n.strip()]
    if any(_pythonic(n) for n in names):
        return "python"
    return names[0] if names else "python"


def _pythonic(name: str) -> bool:
    """`python`, `ipython3`, `python3.11`, or a kernel name such as `conda-env-py311` or
    `pysparkkernel` that the Python kernels of IDEs and clusters use."""
    if name.startswith(("python", "ipython", "py")):
        return True
    return any(part in ("py", "python", "python3") or part.startswith("py3") for part in
               name.replace("_", "-").split("-"))  # fmt: skip


def _cells(raw: Sequence[Any]) -> Iterable[Cell]:
    for index, cell in enumerate(raw):
        if not isinstance(cell, dict):
            yield Cell(index, "raw", "")
            continue
        kind = cell.get("cell_type")
        count = cell.get("execution_count")
        yield Cell(
            index,
            kind if kind in ("code", "markdown") else "raw",
            _source(cell.get("source")),
            count if isinstance(count, int) else None,
        )


def _source(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        try:
            return "".join(value)  # lines are strings: joined at C speed, not one by one
        except TypeError:  # a line that is not a string (a broken notebook) is left out
            return "".join(part for part in value if isinstance(part, str))
    return ""
