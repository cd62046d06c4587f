"""Which templates help with a requirement, and their text: documentation templates
(markdown sections, or whole documents that live in their own files) and the per-group
evaluation code, filled in from what the document shows. The editors' code actions and the
notebook sidebar both offer exactly these."""

from __future__ import annotations

import ast
import re
from string import Template

from raiassist.document import Document, Location
from raiassist.frozen import frozen
from raiassist.resources import guidance_dir, template_path
from raiassist.scan import Facts
from raiassist.standard.model import Requirement

# Whole documents live in their own files at the project root, not in a cell.
DOCUMENT_FILES = {
    "model-card": "MODEL_CARD.md",
    "datasheet": "DATASHEET.md",
    "impact-assessment": "IMPACT_ASSESSMENT.md",
    "transparency-note": "TRANSPARENCY_NOTE.md",
}


def section_templates(req: Requirement) -> list[tuple[str, str]]:
    """(name, markdown) of the requirement's templates that belong in a notebook or script."""
    return [(name, text(name)) for name in req.templates if name not in DOCUMENT_FILES]


def document_templates(req: Requirement) -> list[tuple[str, str, str]]:
    """(name, file name, markdown) of the requirement's whole-document templates."""
    return [(n, DOCUMENT_FILES[n], text(n)) for n in req.templates if n in DOCUMENT_FILES]


def text(name: str) -> str:
    return template_path(name).read_text(encoding="utf-8")


PLACEHOLDER = "..."  # Ellipsis: runs as Python, and names no sensitive attribute


@frozen
class Evaluation:
    """A per-group evaluation to insert: its code, the place after which all its inputs are
    defined (cell index, or None in a script; and the line in that cell or script), and
    whether every input was found (else the code holds placeholders, which satisfy nothing
    until a person fills them in)."""

    code: str
    cell: int | None
    line: int
    complete: bool


def evaluation(req: Requirement, facts: Facts) -> Evaluation | None:
    """A fairlearn MetricFrame over the true labels and predictions an overall metric was
    computed on and a sensitive column the code names, placed after the last of the
    statements that define them (and after the overall metric); None for requirements a
    disaggregated evaluation does not satisfy. An input the code does not show, or one never
    assigned, becomes `...` with a comment saying what belongs there."""
    if "disaggregated-evaluation" not in req.satisfied_by:
        return None
    defined = definitions(facts.document)
    metric = next((h for h in facts.of("aggregate-metrics") if "|" in h.subject), None)
    y_true, y_pred = metric.subject.split("|", 1) if metric else ("", "")
    labels = {k: v for k, v in {"y_true": y_true, "y_pred": y_pred}.items() if _root(v) in defined}
    places = [defined[_root(v)] for v in labels.values()]
    if metric is not None:
        places.append((metric.location.cell, metric.location.end_line or metric.location.line))
    cell, line = max(places, key=_order, default=(None, 0))
    # Only a table and a column the code names by that place: a column that first appears
    # cells later (of another table, often) would make code that fails where it lands.
    limit = _order((cell, line)) if places else (1 << 30, 0)
    attribute = next(
        (
            h.subject
            for h in facts.of("sensitive-attribute")
            if _COLUMN.match(h.detail) and _order(_at(h.location)) <= limit
        ),
        "",
    )
    frame = next(
        (
            h.subject
            for h in facts.of("loads-tabular-data")
            if h.subject in defined and _order(_at(h.location)) <= limit
        ),
        "",
    )
    known = {**labels, **({"frame": frame} if frame else {})}
    complete = len(known) == 3 and bool(attribute)
    feature = _feature(known, attribute, facts)
    path = guidance_dir() / "templates" / "code" / "fairness-evaluation.py"
    code = Template(path.read_text(encoding="utf-8")).substitute(
        ids=req.id,
        y_true=_argument(known.get("y_true"), "the true labels of the evaluation rows"),
        y_pred=_argument(known.get("y_pred"), "the model's predictions for those rows"),
        features=feature,
        note=_NOTE if complete else _FILL_IN,
    )
    return Evaluation(code, cell, line, complete)


_COLUMN = re.compile(r"^column '")
_NOT_NAME = re.compile(r"[^\w]")
_NOTE = (
    "the evaluation rows of the sensitive\n"
    "# column; check that they line up with y_true row by row."
)
_FILL_IN = (
    "fill in each `...` (inputs raiassist\n# could not find); until then it counts as nothing."
)


def _at(location: Location) -> tuple[int | None, int]:
    return (location.cell, location.end_line or location.line)


def _order(place: tuple[int | None, int]) -> tuple[int, int]:
    return (place[0] or 0, place[1])


def _argument(value: str | None, meaning: str) -> str:
    return f"{value}," if value else f"{PLACEHOLDER},  # {meaning}"


def _feature(known: dict[str, str], attribute: str, facts: Facts) -> str:
    """The sensitive feature, row-aligned with the true labels: the column of the loaded
    table at the labels' index, or the index level when the table was indexed by it."""
    if not attribute or "y_true" not in known:
        return _argument(None, "the sensitive column, one value per evaluation row")
    y_true = known["y_true"]
    if attribute in _index_levels(facts.document):
        return f'{y_true}.index.get_level_values("{attribute}"),'
    if "frame" not in known:
        return _argument(None, f'the "{attribute}" column of the evaluation rows')
    return f'{known["frame"]}.loc[{y_true}.index, "{attribute}"],'


def definitions(document: Document) -> dict[str, tuple[int | None, int]]:
    """Where each name the code assigns at module level is first defined, in document order:
    (cell index or None for a script, last line of the defining statement)."""
    from raiassist.parsing import ParseError, parse_cell

    found: dict[str, tuple[int | None, int]] = {}
    for cell in document.code_cells:
        tree = parse_cell(cell.source)
        if isinstance(tree, ParseError):
            continue
        where = None if document.kind == "script" else cell.index
        offset = cell.line_offset if document.kind == "script" else 0
        for node in _module_level(tree):
            for name in _assigned(node):
                found.setdefault(name, (where, offset + (node.end_lineno or node.lineno)))
    return found


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """Statements outside functions and classes (inside if, for, with and try blocks too)."""
    found: list[ast.stmt] = []
    stack: list[ast.AST] = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.stmt):
            found.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            stack.extend(reversed([n for n in getattr(node, field, []) if isinstance(n, ast.AST)]))
    return found


def _assigned(node: ast.stmt) -> list[str]:
    targets: list[ast.AST] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor):
        targets = [node.target]
    elif isinstance(node, ast.With | ast.AsyncWith):
        targets = [i.optional_vars for i in node.items if i.optional_vars is not None]
    elif isinstance(node, ast.Import | ast.ImportFrom):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]


def _index_levels(document: Document) -> set[str]:
    """Column names the code moves into a table's index (`set_index("sex")`)."""
    from raiassist.parsing import ParseError, parse_cell

    levels: set[str] = set()
    for cell in document.code_cells:
        tree = parse_cell(cell.source)
        if isinstance(tree, ParseError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "set_index":
                for arg in node.args:
                    values = arg.elts if isinstance(arg, ast.List | ast.Tuple) else [arg]
                    levels.update(
                        v.value
                        for v in values
                        if isinstance(v, ast.Constant) and isinstance(v.value, str)
                    )
    return levels


def _strings(nodes: list[ast.expr]) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _root(expression: str) -> str:
    """The variable an expression starts from: `y_test` in `y_test.values`."""
    return _NOT_NAME.split(expression.strip(), maxsplit=1)[0]
