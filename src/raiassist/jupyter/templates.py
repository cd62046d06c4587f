"""The templates that help with one checklist item, as cells to insert below the cell that
triggered it: a per-group evaluation (code, filled in from what the notebook shows) where a
disaggregated evaluation satisfies the requirement, and the requirement's documentation
templates (markdown), as `raiassist.templating` chooses them for every surface."""

from __future__ import annotations

from typing import Any

from raiassist.jupyter.checklists import checked
from raiassist.jupyter.projects import RequestError, ScanCaches, Target
from raiassist.templating import evaluation_code, section_templates


def templates(
    target: Target, content: object, requirement: str, caches: ScanCaches
) -> dict[str, Any]:
    """`{"id", "index", "templates": [{"name", "kind", "title", "text"}]}`; `index` is where
    the new cell goes (below the trigger, or at the end)."""
    req = target.standard.by_id.get(requirement.strip().upper())
    if req is None:
        raise RequestError(404, f"{requirement}: no such requirement in the active Standard")
    report = checked(target, content, caches)
    finding = next((f for f in report.requirements if f.id == req.id), None)
    cell = finding.location.cell if finding and finding.location else None
    code = evaluation_code(req, report.facts) if finding is not None else None
    found = (
        []
        if code is None
        else [
            {
                "name": "fairness-evaluation",
                "kind": "code",
                "text": code.rstrip(),
                "title": "Insert a per-group evaluation: fairlearn MetricFrame (code cell)",
            }
        ]
    )
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
    return {"id": req.id, "index": index, "templates": found}
