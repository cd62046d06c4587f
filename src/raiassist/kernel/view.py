"""The companion's ipywidgets checklist: what the kernel holds, then the notebook's
requirements in the order to act on them (`next_actions`, as the sidebar and the CLI show
them: the code, the file, the process by goal and info collapsed, what is settled
collapsed), with "N to act on" in the heading, and a button that records runtime evidence
as an attestation in the project's record."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from raiassist.evaluate import Finding
from raiassist.kernel.companion import State
from raiassist.kernel.seen import seen_lines
from raiassist.next_actions import Section

MARKS = {"open": "○", "met": "✓", "waived": "⊘", "not-applicable": "–"}
SHOWN_OBSERVATIONS = 8


class ChecklistView:
    """A VBox: a heading, what was seen, one row per requirement, the next step."""

    def __init__(self, on_record: Callable[[Finding], str]) -> None:
        import ipywidgets as w  # type: ignore[import-untyped]

        self._w = w
        self.on_record = on_record
        self.heading = w.HTML()
        self.seen = w.HTML()
        self.rows = w.VBox()
        self.prompt = w.HTML()
        self.widget = w.VBox([self.heading, self.seen, self.rows, self.prompt])
        self.widget.add_class("raiassist-companion")
        self._made: dict[str, tuple[Finding, bool, Any]] = {}  # rows kept while unchanged

    def show(self, state: State) -> None:
        self.heading.value = (
            f"<b>raiassist</b> · {state.to_act} to act on · "
            f"{state.applicable} requirement(s) apply to this notebook and what the kernel holds"
        )
        self.seen.value = _seen_html(state)
        self.rows.children = tuple(self._section(s, state) for s in state.sections)
        first = next((s.findings[0] for s in state.sections if s.kind in ("code", "file")), None)
        self.prompt.value = (
            f"<i>Next: {html.escape(first.id)} — {html.escape(first.message)}</i>" if first else ""
        )

    def _section(self, section: Section, state: State) -> Any:
        """A heading and rows; a collapsed section is an accordion, closed, whose rows are
        made when it is first opened (most of a checklist is settled or info)."""
        w = self._w
        if not section.collapsed:
            title = w.HTML(f"<b>{html.escape(section.title)}</b>")
            box = w.VBox([title, *(self._row(f, state) for f in section.findings)])
        else:
            inner = w.VBox()
            box = w.Accordion(children=[inner], titles=(section.title,))
            box.selected_index = None

            def opened(change: dict[str, Any]) -> None:
                if change["new"] == 0 and not inner.children:
                    inner.children = tuple(self._row(f, state) for f in section.findings)

            box.observe(opened, "selected_index")
        box.add_class(f"raiassist-section-{section.kind}")
        return box

    def error(self, message: str) -> None:
        self.prompt.value = f"<i>raiassist: {html.escape(message)}</i>"

    def _row(self, finding: Finding, state: State) -> Any:
        """The requirement's row: the one made before while the finding is the same."""
        observed = any(e.detail in state.runtime for e in finding.evidence)
        kept = self._made.get(finding.id)
        if kept is not None and kept[0] == finding and kept[1] == observed:
            return kept[2]
        row = self._new_row(finding, observed)
        self._made[finding.id] = (finding, observed, row)
        return row

    def _new_row(self, finding: Finding, observed: bool) -> Any:
        w = self._w
        box = w.Checkbox(value=finding.status == "met", disabled=True, indent=False)
        box.layout.width = "2em"
        text = (
            f"{MARKS.get(finding.status, '?')} <b>{html.escape(finding.id)}</b> "
            f"{html.escape(finding.title)} <small>[{finding.severity}, {finding.status}]</small>"
            f"<br><small>{html.escape(_message(finding))}</small>"
        )
        parts = [box, w.HTML(text)]
        if observed and finding.answer is None:
            button = w.Button(description="Record evidence", tooltip="Attest with what was seen")
            button.add_class("raiassist-record")
            button.on_click(lambda _: self._record(finding, button))
            parts.append(button)
        row = w.HBox(parts)
        row.add_class("raiassist-row")
        return row

    def _record(self, finding: Finding, button: Any) -> None:
        try:
            name = self.on_record(finding)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never raised into the kernel
            button.description = "Not recorded"
            self.error(str(exc))
            return
        button.description = f"Recorded in {name}"
        button.disabled = True


def _message(finding: Finding) -> str:
    return ("met — not run yet: " if finding.not_run else "") + finding.message


def _seen_html(state: State) -> str:
    if not state.seen:
        return "<small>Nothing seen yet: run cells that load data or train a model.</small>"
    lines = seen_lines(state.seen)
    shown = "".join(f"<li>{html.escape(line)}</li>" for line in lines[:SHOWN_OBSERVATIONS])
    more = len(lines) - SHOWN_OBSERVATIONS
    extra = f"<li>… and {more} more</li>" if more > 0 else ""
    return f"<small>Seen in this kernel:<ul>{shown}{extra}</ul></small>"
