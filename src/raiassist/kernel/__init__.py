"""The runtime companion: `%load_ext raiassist` registers a post-execute hook in an IPython
kernel and displays an ipywidgets checklist (JupyterLab, Notebook 7, VS Code). After each
cell it looks at live objects, which static analysis cannot see: the columns of the
DataFrame actually loaded, the estimator actually fitted, the MetricFrame actually computed.
`%unload_ext raiassist` removes the hook."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from raiassist.errors import UserError
from raiassist.kernel.companion import Companion, find_project
from raiassist.kernel.view import ChecklistView
from raiassist.logfile import logger

log = logger(__name__)
_loaded: dict[int, tuple[Companion, ChecklistView, Any]] = {}


def load(shell: Any) -> Companion | None:
    """Register the hook on `shell` (once) and display the checklist. A project whose
    configuration, packs or record are broken gets one line saying so, and no hook."""
    from IPython.display import display

    if id(shell) in _loaded:
        companion, view, _ = _loaded[id(shell)]
        display(view.widget)  # type: ignore[no-untyped-call]
        return companion
    try:
        companion = Companion(find_project(Path.cwd(), shell.user_ns))
    except UserError as exc:
        problems = "; ".join(str(p) for p in exc.problems)
        print(f"raiassist: {problems} (the companion is not loaded)", file=sys.stderr)
        return None
    view = ChecklistView(companion.record)

    def after_cell(result: Any) -> None:
        _after_cell(shell, companion, view, result)

    shell.events.register("post_run_cell", after_cell)
    _loaded[id(shell)] = (companion, view, after_cell)
    companion.look(shell.user_ns, shell.user_ns_hidden, "before loading")
    companion.stale()  # the files' stamps as they are now
    view.show(companion.evaluate())
    display(view.widget)  # type: ignore[no-untyped-call]
    return companion


def unload(shell: Any) -> None:
    """Remove the hook and close the widget."""
    entry = _loaded.pop(id(shell), None)
    if entry is None:
        return
    _, view, after_cell = entry
    shell.events.unregister("post_run_cell", after_cell)
    view.widget.close()


def _after_cell(shell: Any, companion: Companion, view: ChecklistView, result: Any) -> None:
    """Never raises, not even on Ctrl-C: the user's cell has run, whatever happens here."""
    try:
        count = getattr(result, "execution_count", None)
        where = f"cell [{count}]" if count is not None else "a cell"
        changed = companion.look(shell.user_ns, shell.user_ns_hidden, where)
        if companion.stale() or changed:  # both run: `stale` takes the files' new stamps
            start = time.perf_counter()
            view.show(companion.evaluate())
            log.debug("raiassist: evaluated in %.1f ms", (time.perf_counter() - start) * 1000)
    except KeyboardInterrupt:  # the user stopped the kernel while the hook ran: let it go
        log.info("raiassist: the runtime check was interrupted")
    except Exception as exc:  # a companion bug must never break the user's cell
        if not companion.failed:
            companion.failed = True
            log.exception("raiassist: the runtime check failed; it keeps trying quietly")
            view.error(f"a runtime check failed ({type(exc).__name__}); details in the log")
