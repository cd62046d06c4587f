"""What the sidebar asks for, as plain JSON: a notebook's checklist from its current content
and a requirement in plain words (the templates and the record's writes have modules of
their own). Pure functions of the core; the routes only move JSON."""

from __future__ import annotations

from typing import Any

from raiassist.checking import FileReport, check_document
from raiassist.document import Document, notebook_from_data, script_from_text
from raiassist.explanation import facts, requirement_sections
from raiassist.jupyter.answers import answerer, moved_here, record_stamp
from raiassist.jupyter.projects import RequestError, ScanCaches, Target
from raiassist.missed import lines_json
from raiassist.reporters.json_report import file_json


def document_of(target: Target, content: object) -> Document:
    """The browser's current content as a Document; refuses what is not a notebook."""
    if target.file.suffix == ".py" and isinstance(content, str):
        return script_from_text(content, target.api_path)
    document = notebook_from_data(content, target.api_path)
    if document.error:
        raise RequestError(400, f"'content' is not notebook JSON: {document.error}")
    return document


def checked(target: Target, content: object, caches: ScanCaches) -> FileReport:
    """The report of the browser's current content, with the document's own scan cache."""
    document = document_of(target, content)
    with caches.get(target.file) as cache:
        return check_document(
            document, target.relative, target.config, target.standard, cache=cache
        )


def checklist(target: Target, content: object, caches: ScanCaches) -> dict[str, Any]:
    """`file_json` of the current content, plus `goals` and `principles` for grouping, who
    answers are recorded as (`answerer`), the answers that a rename left behind for this
    notebook (`moved`, behind its RA104), the record's `stamp` and `incidents`, the one
    incident line per requirement that has one."""
    report = checked(target, content, caches)
    data = file_json(report, {g.id: g.title for g in target.standard.goals})
    data["root"] = str(target.config.root)
    data["answerer"] = answerer(target)
    data["moved"] = moved_here(target)
    data["record"] = record_stamp(target)
    data["goals"] = [
        {"id": g.id, "title": g.title, "principle": g.principle} for g in target.standard.goals
    ]
    data["principles"] = [{"id": p.id, "title": p.title} for p in target.standard.principles]
    data["incidents"] = lines_json(target.standard, (r["id"] for r in data["requirements"]))
    return data


def explain(target: Target, requirement: str) -> dict[str, Any]:
    """One requirement in plain words, as titled sections."""
    req = target.standard.by_id.get(requirement.strip().upper())
    if req is None:
        raise RequestError(404, f"{requirement}: no such requirement in the active Standard")
    return {
        "id": req.id,
        "title": req.title,
        "severity": req.severity,
        "goal": req.goal,
        "facts": facts(req, target.standard),
        "sections": [
            {"title": title, "body": body}
            for title, body in requirement_sections(req, target.standard)
        ],
    }
