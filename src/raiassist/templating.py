"""Which templates help with a requirement, and their text: documentation templates
(markdown sections, or whole documents that live in their own files) and the per-group
evaluation code, filled in from what the document shows. The editors' code actions and the
notebook sidebar both offer exactly these."""

from __future__ import annotations

from string import Template

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


def evaluation_code(req: Requirement, facts: Facts) -> str | None:
    """A fairlearn MetricFrame over the detected predictions and sensitive column, for
    requirements a disaggregated evaluation satisfies; None for the others."""
    if "disaggregated-evaluation" not in req.satisfied_by:
        return None
    metric = next((h for h in facts.of("aggregate-metrics") if "|" in h.subject), None)
    y_true, y_pred = metric.subject.split("|", 1) if metric else ("y_test", "y_pred")
    attribute = next((h.subject for h in facts.of("sensitive-attribute") if h.subject), "sex")
    frame = next((h.subject for h in facts.of("loads-tabular-data") if h.subject), "df")
    path = guidance_dir() / "templates" / "code" / "fairness-evaluation.py"
    return Template(path.read_text(encoding="utf-8")).substitute(
        ids=req.id, y_true=y_true, y_pred=y_pred, attribute=attribute, frame=frame
    )
