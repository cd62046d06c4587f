"""Find signals and evidence in a Document: parse each code cell once, walk it once.

Cells are walked in document order with one shared namespace, as ruff and nbQA read a
notebook: execution counts never change a verdict, so the editor (which clears a cell's count
when it is edited), the notebook and the commit hook agree. The walker hands each call,
column name, string and identifier to the detectors registered for it (see
`raiassist.detectors.REGISTRY`); markdown cells go to markdown detectors; document detectors
run last over everything found. A detector that raises is reported as one problem for the
file and the rest of the scan goes on.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, Literal

from raiassist import columns, flows
from raiassist.catalogue.model import Catalogue, Entry
from raiassist.document import Cell, Document, Location
from raiassist.flows import Carried
from raiassist.frozen import frozen
from raiassist.logfile import logger
from raiassist.names import Names
from raiassist.parsing import ParseError, foreign_body, parse_cell
from raiassist.waivers import Waiver, waivers_in

log = logger(__name__)
MAX_HITS_PER_NAME = 50
Kind = Literal["signal", "evidence", "incomplete"]


@frozen
class Hit:
    """One place where a signal or evidence kind was found."""

    name: str
    kind: Kind
    location: Location
    detail: str
    subject: str = ""
    path: str = ""  # set for evidence found in another file (project documents)
    entry: Entry | None = None  # the catalogue entry that says what this means


@frozen
class CellProblem:
    location: Location
    message: str


@frozen
class Facts:
    """Everything the scan found in one document."""

    document: Document
    hits: tuple[Hit, ...] = ()
    problems: tuple[CellProblem, ...] = ()
    waivers: tuple[Waiver, ...] = ()

    @cached_property
    def signals(self) -> frozenset[str]:
        return frozenset(h.name for h in self.hits if h.kind == "signal")

    @cached_property
    def evidence(self) -> frozenset[str]:
        return frozenset(h.name for h in self.hits if h.kind == "evidence")

    def of(self, name: str) -> tuple[Hit, ...]:
        return self._by_name.get(name, ())

    @property
    def grouped(self) -> dict[str, tuple[Hit, ...]]:
        """Every hit by its name (what `of` looks in), for callers that ask of many names."""
        return self._by_name

    @cached_property
    def _by_name(self) -> dict[str, tuple[Hit, ...]]:
        return by_name(self.hits)


def by_name(hits: tuple[Hit, ...]) -> dict[str, tuple[Hit, ...]]:
    """Hits grouped by signal or evidence name, each group in the order found."""
    index: dict[str, list[Hit]] = {}
    for hit in hits:
        index.setdefault(hit.name, []).append(hit)
    return {name: tuple(found) for name, found in index.items()}


class Context:
    """What a detector may read while the walk is at a node, and how it reports a hit.

    During the walk `state` holds the current cell's own contributions, which detectors only
    add to (lists and sets); in `on_finish` it holds every cell's contributions merged. That
    keeps a cell's results reusable when only another cell changed.
    """

    def __init__(self, document: Document, catalogue: Catalogue) -> None:
        self.document = document
        self.catalogue = catalogue
        self.tracking = False  # in an assignment: what its value carries is being collected
        self.carrying: list[Carried] = []  # what the current statement's value carries
        self.names = Names()
        self.cell: Cell = Cell(0, "code", "")
        self.statement: ast.stmt | None = None
        self.state: dict[str, Any] = {}
        self.hits: list[Hit] = []
        self.failed: set[str] = set()  # detectors that crashed on this document
        self.registry: Any = None  # set by the walker: where column names are handed on
        self.problems: list[CellProblem] = []

    def at(self, node: ast.AST) -> Location:
        line = getattr(node, "lineno", 1)
        return self.document.location(
            self.cell,
            line,
            getattr(node, "col_offset", 0),
            getattr(node, "end_lineno", None) or line,
            getattr(node, "end_col_offset", None) or 0,
        )

    def column(self, text: str, node: ast.AST) -> None:
        """Hand a column name found by a detector to the column detectors."""
        if self.registry is not None:
            self.registry.column(text, node, self, self.problems)

    def hit(
        self,
        name: str,
        kind: Kind,
        node: ast.AST,
        detail: str,
        subject: str = "",
        entry: Entry | None = None,
    ) -> None:
        self.hits.append(Hit(name, kind, self.at(node), detail, subject, entry=entry))


@frozen
class _CellResult:
    """What walking one code cell produced, and the names it saw and left behind."""

    names_before: dict[str, str]
    names_after: dict[str, str]
    hits: tuple[Hit, ...]
    problems: tuple[CellProblem, ...]
    waivers: tuple[Waiver, ...]
    state: dict[str, Any]


CellKey = tuple[int, int, str]


class ScanCache:
    """Per-cell results kept between scans of one changing document (an editor buffer).
    A cell is walked again only when its text, its place, or the names flowing into it
    changed; everything else is reused."""

    def __init__(self) -> None:
        self.cells: dict[CellKey, _CellResult] = {}
        self.catalogue: Catalogue | None = None  # the cells were walked with this one
        self.walked = 0  # how many cells the last scan walked, for tests and benchmarks


def scan(
    document: Document, cache: ScanCache | None = None, catalogue: Catalogue | None = None
) -> Facts:
    """Signals, evidence, cell problems and inline waivers of one document, with what the
    catalogue (default: the built-in one) says the code means."""
    from raiassist.catalogue import builtin_catalogue
    from raiassist.detectors import REGISTRY

    if document.error or not document.cells:
        return Facts(document)
    catalogue = catalogue or builtin_catalogue()
    if cache is not None and cache.catalogue is not catalogue:
        cache.cells, cache.catalogue = {}, catalogue
    ctx = Context(document, catalogue)
    problems: list[CellProblem] = []
    waivers: list[Waiver] = []
    states: list[dict[str, Any]] = []
    kept: dict[CellKey, _CellResult] = {}
    entering = ctx.names.bound  # the names flowing into the next code cell
    for cell in document.cells:
        ctx.cell, ctx.state = cell, {}
        if cell.kind == "markdown":
            REGISTRY.markdown(cell, ctx, problems)
            states.append(ctx.state)
            continue
        if cell.kind != "code":
            continue
        key = (cell.index, cell.line_offset, cell.source)
        result = cache.cells.get(key) if cache else None
        # Reused when the same names flow in: most often the very dict the previous scan
        # handed on, so that 500 unchanged cells cost no comparison of their names.
        if result is not None and (
            result.names_before is entering or result.names_before == entering
        ):
            entering = result.names_after
        else:
            if cache is not None:  # walked on a copy: what earlier scans kept stays as it was
                ctx.names.bound = dict(entering)
            result = _walk_cell(cell, ctx, REGISTRY, entering if cache is not None else None)
            entering = ctx.names.bound
        kept[key] = result
        ctx.hits.extend(result.hits)
        problems.extend(result.problems)
        waivers.extend(result.waivers)
        states.append(result.state)
    if cache is not None:
        cache.walked = sum(1 for key, value in kept.items() if cache.cells.get(key) is not value)
        cache.cells = kept
        ctx.names.bound = dict(entering)
    ctx.state = _merged(states)
    REGISTRY.finish(ctx, problems)
    return Facts(document, _capped(ctx.hits), tuple(problems), tuple(waivers))


def _walk_cell(
    cell: Cell, ctx: Context, registry: Any, before: dict[str, str] | None
) -> _CellResult:
    """Walk one code cell; given the names `before` it, keep them and those after for
    reuse (the walk binds names in a dict of its own, which is kept as it is left)."""
    start = len(ctx.hits)
    problems: list[CellProblem] = []
    tree = parse_cell(cell.source)
    waivers: tuple[Waiver, ...] = ()
    foreign = foreign_body(cell.source)
    if foreign:
        _foreign(foreign, ctx, registry, problems)
    elif isinstance(tree, ParseError):
        where = ctx.document.location(cell, tree.line, max(tree.column - 1, 0))
        problems.append(CellProblem(where, f"this cell {tree.message}; it was skipped"))
    else:
        waivers = tuple(waivers_in(cell, ctx.document))
        _Walker(ctx, registry, problems).body(tree.body)
    hits = tuple(ctx.hits[start:])
    del ctx.hits[start:]
    if before is None:
        return _CellResult({}, {}, hits, tuple(problems), waivers, ctx.state)
    return _CellResult(before, ctx.names.bound, hits, tuple(problems), waivers, ctx.state)


def _foreign(text: str, ctx: Context, registry: Any, problems: list[CellProblem]) -> None:
    """A cell in another language (`%%bash`) is not Python, but what the catalogue says of
    strings (a language-model endpoint in a `curl` command) still holds for its text."""
    from raiassist.detectors import catalogued

    node = ast.Constant(text, lineno=2, col_offset=0, end_lineno=2, end_col_offset=0)
    try:
        catalogued.on_string(text[: catalogued.MAX_FOREIGN], node, ctx)
    except Exception:  # noqa: BLE001 - one broken check must not stop the others
        registry.failed(catalogued.on_string, ctx, problems, None)


def _merged(states: list[dict[str, Any]]) -> dict[str, Any]:
    """Every cell's state contributions in walk order: lists joined, sets united."""
    merged: dict[str, Any] = {}
    for state in states:
        for key, value in state.items():
            if key not in merged:
                merged[key] = type(value)()
            if isinstance(value, set):
                merged[key] |= value
            else:
                merged[key].extend(value)
    return merged


def _capped(hits: list[Hit]) -> tuple[Hit, ...]:
    """At most MAX_HITS_PER_NAME hits of each name, so huge documents stay small."""
    counts: dict[str, int] = {}
    kept = []
    for hit in hits:
        counts[hit.name] = counts.get(hit.name, 0) + 1
        if counts[hit.name] <= MAX_HITS_PER_NAME:
            kept.append(hit)
    return tuple(kept)


_SEQUENCES = ast.Tuple | ast.List  # unions built once: `A | B` in a call builds one per call
_TRACKED = frozenset({ast.Assign, ast.AnnAssign})  # statements whose values flows follows
_LEAVES = frozenset({ast.Name, ast.Load, ast.Store, ast.Del, ast.Pass, ast.Break, ast.Continue})
# Fields that never hold child expressions: names, operators, contexts, flags.
_NOT_CHILDREN = frozenset(
    {
        "ctx",
        "op",
        "ops",
        "attr",
        "id",
        "arg",
        "name",
        "asname",
        "kind",
        "level",
        "conversion",
        "is_async",
        "simple",
        "type_comment",
        "module",
    }
)
_CHILDREN: dict[type, tuple[str, ...]] = {}
# How a statement's fields are walked: nested statements, clauses holding statements
# (except, case, with items), or expressions. Imports and global declarations hold only names.
_STATEMENTS, _CLAUSES, _EXPRESSIONS = 0, 1, 2
_ROLES = {"body": _STATEMENTS, "orelse": _STATEMENTS, "finalbody": _STATEMENTS}
_ROLES |= {"handlers": _CLAUSES, "cases": _CLAUSES, "items": _CLAUSES}
_NAMES_ONLY = (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal)
_PLANS: dict[type, tuple[tuple[tuple[str, ...], int], ...]] = {}


def _children(kind: type) -> tuple[str, ...]:
    fields = tuple(f for f in getattr(kind, "_fields", ()) if f not in _NOT_CHILDREN)
    _CHILDREN[kind] = fields
    return fields


def _plan(kind: type) -> tuple[tuple[tuple[str, ...], int], ...]:
    """A statement's or clause's fields in order, by role; fields of expressions that come
    one after another are one step, walked in one pass (`x = f(y)`: targets and value)."""
    fields = () if issubclass(kind, _NAMES_ONLY) else _children(kind)
    steps: list[tuple[tuple[str, ...], int]] = []
    for field in fields:
        role = _ROLES.get(field, _EXPRESSIONS)
        if role == _EXPRESSIONS and steps and steps[-1][1] == _EXPRESSIONS:
            steps[-1] = ((*steps[-1][0], field), role)
        else:
            steps.append(((field,), role))
    plan = _PLANS[kind] = tuple(steps)
    return plan


class _Walker:
    def __init__(self, ctx: Context, registry: Any, problems: list[CellProblem]) -> None:
        self.ctx, self.registry, self.problems = ctx, registry, problems
        ctx.registry, ctx.problems = registry, problems

    def body(self, statements: list[ast.stmt]) -> None:
        for statement in statements:
            self.statement(statement)

    def statement(self, node: ast.stmt) -> None:
        """A statement's parts, then the names it binds."""
        if self.ctx.carrying:
            self.ctx.carrying.clear()
        self.parts(node, node)
        binder = _BINDERS.get(type(node))
        if binder is not None:
            self.ctx.statement = node
            binder(self, node)

    def parts(self, node: ast.AST, statement: ast.stmt) -> None:
        """The fields of a statement, or of a clause (`except`, `case`, `with` item), in
        order; while their expressions are walked, `ctx.statement` is `statement`."""
        plan = _PLANS.get(type(node))
        if plan is None:
            plan = _plan(type(node))
        for fields, role in plan:
            if role == _EXPRESSIONS:
                roots: list[Any] = []
                for field in fields:
                    value = getattr(node, field, None)
                    if value.__class__ is list:
                        roots.extend(value)
                    elif value is not None:
                        roots.append(value)
                if roots:
                    self.ctx.statement = statement
                    self.ctx.tracking = type(statement) in _TRACKED
                    self.expressions(roots)
                continue
            value = getattr(node, fields[0], None)
            if not value:
                continue
            if role == _STATEMENTS:
                for child in value:
                    self.statement(child)
            else:
                for clause in value:
                    self.parts(clause, statement)

    def expressions(self, roots: list[Any]) -> None:
        """Walk expression trees, one after another; the order of tests follows how common
        each node is. A node's children are pushed in field order and taken from the end,
        so detectors see the nodes in one fixed order, on which the order of hits depends.
        Calls and attributes, most of the tree, push their children themselves: a keyword's
        value instead of the keyword, and a plain name only while an assignment is followed
        (a name does nothing else here), a fifth of the walk's own cost. The roots (the
        expressions of a statement's fields) are walked in order, from one stack."""
        roots.reverse()
        stack = roots
        pop, push, extend = stack.pop, stack.append, stack.extend
        registry, ctx, problems = self.registry, self.ctx, self.problems
        call, subscript, attribute = ast.Call, ast.Subscript, ast.Attribute
        name_kind, load, constant = ast.Name, ast.Load, ast.Constant
        tracking, bound, resolve = ctx.tracking, ctx.names.bound, ctx.names.resolve
        column_methods = columns.COLUMN_METHODS
        while stack:
            current = pop()
            kind = type(current)
            if kind is name_kind:
                if tracking and type(current.ctx) is load:
                    carried = bound.get(flows.CARRIES + current.id)
                    if carried:
                        ctx.carrying.append(flows.decode(carried))
                continue
            if current is None:
                continue
            if kind is constant:
                if type(current.value) is str:
                    registry.string(current.value, current, ctx, problems)
                    if tracking:
                        flows.column(current.value, ctx)
                continue
            if kind is call:
                func = current.func
                name = resolve(func)
                final = registry.call(current, name, ctx, problems)
                if current.keywords or final in column_methods:  # else it names no column
                    columns.from_call(current, final, ctx, registry, problems)
                if tracking or type(func) is not name_kind:
                    push(func)
                extend(current.args)
                for keyword in current.keywords:
                    push(keyword.value)
                continue
            if kind is attribute:
                value = current.value
                if type(value) is not name_kind:
                    push(value)
                    continue
                if type(current.ctx) is load:
                    columns.from_attribute(current, ctx, registry, problems)
                    if tracking:
                        flows.column(current.attr, ctx)
                if tracking:
                    push(value)
                continue
            if kind is subscript:
                columns.from_subscript(current, ctx, registry, problems)
            elif kind in _LEAVES:
                continue
            fields = _CHILDREN.get(kind)
            if fields is None:
                fields = _children(kind)
            for field in fields:
                value = getattr(current, field, None)
                if value.__class__ is list:
                    extend(value)
                elif value is not None:
                    push(value)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        self.ctx.names.learn_import(node)

    def _assign(self, node: ast.Assign) -> None:
        columns.from_assignment(node, self.ctx, self.registry, self.problems)
        self.ctx.names.learn_assign(node.targets, node.value)
        flows.learn(node.targets, self.ctx)
        self.identifiers(node.targets)

    def _annotated(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.ctx.names.learn_assign([node.target], node.value)
            flows.learn([node.target], self.ctx)
            self.identifiers([node.target])

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                self.ctx.names.learn_assign([item.optional_vars], item.context_expr)

    def _definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.registry.identifier(node.name, node, self.ctx, self.problems)

    def identifiers(self, targets: list[ast.expr]) -> None:
        for target in targets:
            if type(target) is ast.Name:
                self.registry.identifier(target.id, target, self.ctx, self.problems)
            else:
                for name in _target_names(target):
                    self.registry.identifier(name.id, name, self.ctx, self.problems)


_BINDERS: dict[type, Callable[[_Walker, Any], None]] = {
    ast.Import: _Walker._import,
    ast.ImportFrom: _Walker._import,
    ast.Assign: _Walker._assign,
    ast.AnnAssign: _Walker._annotated,
    ast.With: _Walker._with,
    ast.AsyncWith: _Walker._with,
    ast.FunctionDef: _Walker._definition,
    ast.AsyncFunctionDef: _Walker._definition,
    ast.ClassDef: _Walker._definition,
}


def _target_names(target: ast.expr) -> Iterator[ast.Name]:
    if isinstance(target, ast.Name):
        yield target
    elif isinstance(target, _SEQUENCES):
        for element in target.elts:
            yield from _target_names(element)
