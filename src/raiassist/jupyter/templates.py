"""The templates that help with one checklist item, as cells to insert below the cell that
triggered it: a per-group evaluation (code, filled in from what the notebook shows) where a
disaggregated evaluation satisfies the requirement, and the requirement's documentation
templates (markdown), as `raiassist.templating` chooses them for every surface."""

from __future__ import annotations

from typing import Any

from raiassist.jupyter.checklists import checked
from raiassist.jupyter.projects import RequestError, ScanCaches, Target
from raiassist.templating import evaluation, section_templates


def templates(
    target: Target, content: object, requirement: str, caches: ScanCaches
) -> dict[str, Any]:
    """`{"id", "index", "insert_after", "templates": [{"name", "kind", "title", "text"}]}`;
    `index` is where the new cells go: after the cells that define a per-group evaluation's
    inputs, else below the trigger, else at the end (`insert_after` is the cell before)."""
    req = target.standard.by_id.get(requirement.strip().upper())
    if req is None:
        raise RequestError(404, f"{requirement}: no such requirement in the active Standard")
    report = checked(target, content, caches)
    finding = next((f for f in report.requirements if f.id == req.id), None)
    cell = finding.location.cell if finding and finding.location else None
    planned = evaluation(req, report.facts) if finding is not None else None
    fill = "" if planned is None or planned.complete else "; fill in the inputs marked ..."
    found = (
        []
        if planned is None
        else [
            {
                "name": "fairness-evaluation",
                "kind": "code",
                "text": planned.code.rstrip(),
                "title": f"Insert a per-group evaluation: fairlearn MetricFrame (code cell{fill})",
                "complete": planned.complete,
            }
        ]
    )
    if planned is not None and planned.cell is not None:
        cell = planned.cell  # after the cells that define its inputs, not the trigger
    found += [
        {
            "name": name,
            "kind": "markdown",
            "text": markdown,
            "title": f"Insert the '{name}' template (markdown cell)",
        }
        for name, markdown in section_templates(req)
    ]
    index = len(report.facts.document.cells) if cell is None else cell + 1
    return {"id": req.id, "index": index, "insert_after": index - 1, "templates": found}
