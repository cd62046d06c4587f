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
from raiassist.names import last, root

if TYPE_CHECKING:
    from raiassist.scan import CellProblem, Context

log = logger(__name__)
MAX_STRING = 20000  # longer strings are data, not names or messages
MAX_MEMO = 65536  # names and strings whose hooks are remembered (a long-lived server clears)
MAX_REMEMBERED = 200  # a longer string rarely comes again: its hooks are not remembered

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
        self._calls: dict[str, tuple[tuple[Callable[..., None], ...], str]] = {}
        self.strings: list[tuple[re.Pattern[str] | None, Callable[..., None]]] = []
        self._strings: dict[str, tuple[Callable[..., None], ...]] = {}
        for module in modules:
            self._register(module)
        # the hooks of the commonest events, looked up once
        self._on_column, self._on_identifier = self.hooks["on_column"], self.hooks["on_identifier"]

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

    def call(self, node: ast.Call, resolved: str, ctx: Context, problems: list[CellProblem]) -> str:
        """Hand a call to the detectors that want it; the last part of its resolved name
        (`fit` of `sklearn.svm.SVC().fit`) is returned for the column readers."""
        found = self._calls.get(resolved)
        if found is None:
            found = self._hooks_for(resolved)
        hooks, final = found
        for hook in hooks:
            try:
                hook(node, resolved, ctx)
            except Exception:  # noqa: BLE001 - one broken check must not stop the others
                _failed(hook, ctx, problems, node)
        return final

    def _hooks_for(self, resolved: str) -> tuple[tuple[Callable[..., None], ...], str]:
        """The call hooks for a resolved name and its last part, remembered by the name: a
        notebook calls the same few names again and again (the corpus of issue 16 makes
        23,565 calls of 5,697 names), whose first and last parts are split off once."""
        if len(self._calls) > MAX_MEMO:
            self._calls.clear()
        first, final = root(resolved), last(resolved)
        by_root, by_last = self.by_root.get(first, []), self.by_last.get(final, [])
        merged = (*by_root, *(h for h in by_last if h not in by_root), *self.any_call)
        found = self._calls[resolved] = (merged, final)
        return found

    def column(self, text: str, node: ast.AST, ctx: Context, problems: list[CellProblem]) -> None:
        for hook in self._on_column:
            try:
                hook(text, node, ctx)
            except Exception:  # noqa: BLE001 - one broken check must not stop the others
                _failed(hook, ctx, problems, node)

    def string(self, text: str, node: ast.AST, ctx: Context, problems: list[CellProblem]) -> None:
        hooks = self._strings.get(text)
        if hooks is None:
            hooks = self._string_hooks(text)
        for hook in hooks:
            try:
                hook(text, node, ctx)
            except Exception:  # noqa: BLE001 - one broken check must not stop the others
                _failed(hook, ctx, problems, node)

    def _string_hooks(self, text: str) -> tuple[Callable[..., None], ...]:
        """The string hooks whose hints a text holds, remembered by the text: the same
        strings come back in cell after cell (keys, labels, formats), 2.6 times each over
        a corpus of notebooks."""
        if len(self._strings) > MAX_MEMO:
            self._strings.clear()
        hooks: tuple[Callable[..., None], ...] = ()
        if 0 < len(text) <= MAX_STRING:
            hooks = tuple(
                hook for hints, hook in self.strings if hints is None or hints.search(text)
            )
        if len(text) <= MAX_REMEMBERED:
            self._strings[text] = hooks
        return hooks

    def identifier(
        self, name: str, node: ast.AST, ctx: Context, problems: list[CellProblem]
    ) -> None:
        for hook in self._on_identifier:
            try:
                hook(name, node, ctx)
            except Exception:  # noqa: BLE001 - one broken check must not stop the others
                _failed(hook, ctx, problems, node)

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
