"""The templates that help with one checklist item, as cells to insert below the cell that
triggered it: a per-group evaluation (code, filled in from what the notebook shows) where a
disaggregated evaluation satisfies the requirement, and the requirement's documentation
templates (markdown). The same choice as the language server's code actions."""

from __future__ import annotations

from string import Template
from typing import Any

from raiassist.checking import FileReport, check_document
from raiassist.evaluate import Finding
from raiassist.jupyter.checklists import document_of
from raiassist.jupyter.projects import RequestError, ScanCaches, Target
from raiassist.resources import guidance_dir, template_path
from raiassist.standard.catalogue import Requirement

# Whole documents live in their own files (MODEL_CARD.md, ...), not in a notebook cell.
DOCUMENT_TEMPLATES = frozenset(
    {"model-card", "datasheet", "impact-assessment", "transparency-note"}
)


def templates(
    target: Target, content: object, requirement: str, caches: ScanCaches
) -> dict[str, Any]:
    """`{"id", "index", "templates": [{"name", "kind", "title", "text"}]}`; `index` is where
    the new cell goes (below the trigger, or at the end)."""
    req = target.standard.by_id.get(requirement.strip().upper())
    if req is None:
        raise RequestError(404, f"{requirement}: no such requirement in the active Standard")
    document = document_of(target, content)
    report = check_document(
        document, target.relative, target.config, target.standard, cache=caches.get(target.file)
    )
    finding = next((f for f in report.requirements if f.id == req.id), None)
    cell = finding.location.cell if finding and finding.location else None
    found = _evaluation(req, finding, report) + [
        {
            "name": name,
            "kind": "markdown",
            "title": f"Insert the '{name}' template (markdown cell)",
            "text": template_path(name).read_text(encoding="utf-8"),
        }
        for name in req.templates
        if name not in DOCUMENT_TEMPLATES
    ]
    index = len(document.cells) if cell is None else cell + 1
    return {"id": req.id, "index": index, "templates": found}


def _evaluation(
    req: Requirement, finding: Finding | None, report: FileReport
) -> list[dict[str, Any]]:
    if "disaggregated-evaluation" not in req.satisfied_by or finding is None:
        return []
    facts = report.facts
    metric = next((h for h in facts.of("aggregate-metrics") if "|" in h.subject), None)
    y_true, y_pred = metric.subject.split("|", 1) if metric else ("y_test", "y_pred")
    attribute = next((h.subject for h in facts.of("sensitive-attribute") if h.subject), "sex")
    frame = next((h.subject for h in facts.of("loads-tabular-data") if h.subject), "df")
    path = guidance_dir() / "templates" / "code" / "fairness-evaluation.py"
    code = Template(path.read_text(encoding="utf-8")).substitute(
        ids=req.id, y_true=y_true, y_pred=y_pred, attribute=attribute, frame=frame
    )
    title = "Insert a per-group evaluation: fairlearn MetricFrame (code cell)"
    return [{"name": "fairness-evaluation", "kind": "code", "title": title, "text": code.rstrip()}]
