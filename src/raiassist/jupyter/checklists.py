"""What the sidebar asks for, as plain JSON: a notebook's checklist from its current content,
a requirement in plain words, the templates that help with one item, and answers written to
the project's record. Pure functions of the core; the routes only move JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from raiassist.answering import answer
from raiassist.checking import FileReport, check_document
from raiassist.document import Document, notebook_from_data, script_from_text
from raiassist.errors import UserError
from raiassist.explanation import facts, requirement_sections
from raiassist.jupyter.projects import RequestError, ScanCaches, Target
from raiassist.missed import lines_json
from raiassist.record import ANSWERS
from raiassist.reporters.json_report import file_json
from raiassist.safe_read import real


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
    """`file_json` of the current content, plus `goals` and `principles` for grouping and
    `incidents`, the one incident line per requirement that has one."""
    report = checked(target, content, caches)
    data = file_json(report, {g.id: g.title for g in target.standard.goals})
    data["root"] = str(target.config.root)
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


def write_answer(target: Target, body: dict[str, Any]) -> dict[str, Any]:
    """Attest, mark not applicable or waive: one entry in the project's record."""
    kind = body.get("answer")
    text = body.get("text")
    if kind not in ANSWERS:
        raise RequestError(400, "'answer' must be one of " + ", ".join(ANSWERS))
    if not isinstance(text, str) or not text.strip():
        word = "note" if kind == "attested" else "reason"
        raise RequestError(400, f"type a {word} first: the record keeps why")
    scope = body.get("scope", "file")
    if scope not in ("file", "project"):
        raise RequestError(400, "'scope' must be 'file' or 'project'")
    path: Path | None = target.file if scope == "file" else None
    record = real(target.config.record_path)
    if not record.is_relative_to(target.server_root):
        raise RequestError(403, f"the record {record} is outside the server's root; not written")
    try:
        entry = answer(
            target.config, target.standard, str(body.get("id", "")), kind, text.strip(), path
        )
    except UserError as exc:
        raise RequestError(400, "; ".join(str(p) for p in exc.problems)) from None
    written = {k: str(v) for k, v in entry.as_dict().items() if v is not None}
    return {"entry": written, "record": str(target.config.record_path)}
