"""The companion's ipywidgets checklist: what the kernel holds, the requirements that apply to
it with their status, the next step, and a button that records runtime evidence as an
attestation in the project's record."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from raiassist.evaluate import Finding
from raiassist.kernel.companion import State

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

    def show(self, state: State) -> None:
        open_count = sum(1 for f in state.findings if f.status == "open")
        self.heading.value = (
            "<b>raiassist</b> · runtime checklist: "
            f"{state.applicable} requirement(s) apply to what this kernel holds, "
            f"{open_count} shown open"
        )
        self.seen.value = _seen_html(state)
        self.rows.children = tuple(self._row(f) for f in state.findings)
        first = next((f for f in state.findings if f.status == "open"), None)
        self.prompt.value = (
            f"<i>Next: {html.escape(first.id)} — {html.escape(first.message)}</i>" if first else ""
        )

    def error(self, message: str) -> None:
        self.prompt.value = f"<i>raiassist: {html.escape(message)}</i>"

    def _row(self, finding: Finding) -> Any:
        w = self._w
        box = w.Checkbox(value=finding.status == "met", disabled=True, indent=False)
        box.layout.width = "2em"
        text = (
            f"{MARKS.get(finding.status, '?')} <b>{html.escape(finding.id)}</b> "
            f"{html.escape(finding.title)} <small>[{finding.severity}, {finding.status}]</small>"
            f"<br><small>{html.escape(finding.message)}</small>"
        )
        parts = [box, w.HTML(text)]
        if finding.evidence and finding.answer is None:
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


def _seen_html(state: State) -> str:
    if not state.seen:
        return "<small>Nothing seen yet: run cells that load data or train a model.</small>"
    details = [
        o.detail for o in state.seen if o.name != "loads-tabular-data" or len(state.seen) < 4
    ]
    shown = "".join(f"<li>{html.escape(d)}</li>" for d in details[:SHOWN_OBSERVATIONS])
    more = len(details) - SHOWN_OBSERVATIONS
    extra = f"<li>… and {more} more</li>" if more > 0 else ""
    return f"<small>Seen in this kernel:<ul>{shown}{extra}</ul></small>"
