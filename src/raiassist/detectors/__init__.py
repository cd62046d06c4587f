"""Every detector, in one list. The first, `catalogued`, is the engine over the catalogue
(`guidance/catalogue/`): what library calls, datasets and strings mean is data there. The
others are the analyses that need code. A detector is a module with `NAME` (a signal or
evidence name from guidance/vocabulary.yaml), `KIND` ("signal", "evidence", or "catalogue"
for the engine, whose names are the catalogue's) and one or more hooks:

- `on_call(node, resolved_name, ctx)`, with `CALL_ROOTS` and/or `CALL_LASTS` saying which
  calls it wants (by the resolved name's first and last part), or `CALL_ANY = True`;
- `on_column(text, node, ctx)` for each column name the code mentions;
- `on_string(text, node, ctx)` for each string constant (only those holding one of its
  `STRING_HINTS`, when it declares them: most strings concern no detector);
- `on_identifier(name, node, ctx)` for names the code defines;
- `on_markdown(cell, ctx)` for each markdown cell;
- `on_finish(ctx)` once, after every cell was walked.

A test fails when a module in this folder is missing from `DETECTORS`.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from raiassist.detectors import (
    ai_disclosure,
    catalogued,
    consequential_domain,
    disaggregated_evaluation,
    model_export,
    personal_data,
    proxy_attribute,
    reproducible_evaluation,
    results_logged,
    sections,
    sensitive_attribute,
    unseeded_randomness,
)
from raiassist.document import Cell
from raiassist.logfile import logger

if TYPE_CHECKING:
    from raiassist.scan import CellProblem, Context

log = logger(__name__)
MAX_STRING = 20000  # longer strings are data, not names or messages

DETECTORS: tuple[ModuleType, ...] = (
    # the engine over the catalogue: what library calls, datasets and strings mean
    catalogued,
    # analyses that need code, over the catalogue's words and what the engine found
    sensitive_attribute,
    proxy_attribute,
    personal_data,
    consequential_domain,
    model_export,
    unseeded_randomness,
    disaggregated_evaluation,
    ai_disclosure,
    results_logged,
    sections,
    reproducible_evaluation,  # last: it reads what the others found
)


def names(module: ModuleType) -> tuple[str, ...]:
    """The vocabulary names a detector module can produce (the engine: the built-in
    catalogue's)."""
    if module.KIND == "catalogue":
        from raiassist.catalogue import builtin_catalogue

        return tuple(sorted(builtin_catalogue().means))
    return tuple(getattr(module, "NAMES", None) or (module.NAME,))


class Registry:
    """Dispatch tables built once from `DETECTORS`."""

    def __init__(self, modules: tuple[ModuleType, ...]) -> None:
        self.by_root: dict[str, list[Callable[..., None]]] = defaultdict(list)
        self.by_last: dict[str, list[Callable[..., None]]] = defaultdict(list)
        self.any_call: list[Callable[..., None]] = []
        self.hooks: dict[str, list[Callable[..., None]]] = defaultdict(list)
        self._calls: dict[tuple[str, str], tuple[Callable[..., None], ...]] = {}
        self.strings: list[tuple[re.Pattern[str] | None, Callable[..., None]]] = []
        for module in modules:
            self._register(module)

    def _register(self, module: ModuleType) -> None:
        on_call = getattr(module, "on_call", None)
        if on_call is not None:
            if getattr(module, "CALL_ANY", False):
                self.any_call.append(on_call)
            for key in getattr(module, "CALL_ROOTS", ()):
                self.by_root[key].append(on_call)
            for key in getattr(module, "CALL_LASTS", ()):
                self.by_last[key].append(on_call)
        for hook in ("on_column", "on_identifier", "on_markdown", "on_finish"):
            if hasattr(module, hook):
                self.hooks[hook].append(getattr(module, hook))
        if hasattr(module, "on_string"):
            hints = getattr(module, "STRING_HINTS", ())
            pattern = re.compile("|".join(map(re.escape, hints))) if hints else None
            self.strings.append((pattern, module.on_string))

    def call(
        self,
        node: ast.Call,
        resolved: str,
        first: str,
        final: str,
        ctx: Context,
        problems: list[CellProblem],
    ) -> None:
        hooks = self._calls.get((first, final))
        if hooks is None:
            by_root, by_last = self.by_root.get(first, []), self.by_last.get(final, [])
            merged = [*by_root, *(h for h in by_last if h not in by_root), *self.any_call]
            hooks = self._calls[(first, final)] = tuple(merged)
        for hook in hooks:
            try:
                hook(node, resolved, ctx)
            except Exception:  # noqa: BLE001 - one broken check must not stop the others
                _failed(hook, ctx, problems, node)

    def column(self, text: str, node: ast.AST, ctx: Context, problems: list[CellProblem]) -> None:
        self._each("on_column", ctx, problems, node, text, node, ctx)

    def string(self, text: str, node: ast.AST, ctx: Context, problems: list[CellProblem]) -> None:
        if not 0 < len(text) <= MAX_STRING:
            return
        for hints, hook in self.strings:
            if hints is not None and hints.search(text) is None:
                continue
            try:
                hook(text, node, ctx)
            except Exception:  # noqa: BLE001 - one broken check must not stop the others
                _failed(hook, ctx, problems, node)

    def identifier(
        self, name: str, node: ast.AST, ctx: Context, problems: list[CellProblem]
    ) -> None:
        self._each("on_identifier", ctx, problems, node, name, node, ctx)

    def markdown(self, cell: Cell, ctx: Context, problems: list[CellProblem]) -> None:
        self._each("on_markdown", ctx, problems, None, cell, ctx)

    def finish(self, ctx: Context, problems: list[CellProblem]) -> None:
        self._each("on_finish", ctx, problems, None, ctx)

    def _each(
        self,
        hook_name: str,
        ctx: Context,
        problems: list[CellProblem],
        node: ast.AST | None,
        *args: Any,
    ) -> None:
        for hook in self.hooks[hook_name]:
            try:
                hook(*args)
            except Exception:  # noqa: BLE001 - one broken check must not stop the others
                _failed(hook, ctx, problems, node)

    @staticmethod
    def failed(
        hook: Callable[..., None], ctx: Context, problems: list[CellProblem], node: ast.AST | None
    ) -> None:
        _failed(hook, ctx, problems, node)


def _failed(
    hook: Callable[..., None], ctx: Context, problems: list[CellProblem], node: ast.AST | None
) -> None:
    """Report a detector's crash once per document, with the details in the log."""
    from raiassist.scan import CellProblem

    if hook.__module__ in ctx.failed:
        return
    ctx.failed.add(hook.__module__)
    log.exception("detector %s failed on %s", hook.__module__, ctx.document.path)
    where = ctx.at(node) if node is not None else ctx.document.location(ctx.cell, 1, 0)
    check = hook.__module__.rsplit(".", 1)[-1]
    message = f"internal error in the {check} check; other checks still ran (details in the log)"
    problems.append(CellProblem(where, message))


REGISTRY = Registry(DETECTORS)
