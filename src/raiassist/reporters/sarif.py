"""SARIF 2.1.0 for code-scanning dashboards: one rule per requirement with its text and
crosswalk, one result per open or waived finding; waivers are suppressions."""

from __future__ import annotations

from typing import Any

from raiassist import __version__
from raiassist.checking import Report
from raiassist.evaluate import Finding
from raiassist.notebook_lines import file_line
from raiassist.printable import json_text
from raiassist.reporters.common import reported, shown
from raiassist.standard.model import Requirement

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
TOOL_RULES = {
    "RA001": "File could not be read",
    "RA002": "Cell does not parse",
    "RA003": "Internal error in a check",
    "RA004": "Analysis stopped at the time limit",
    "RA100": "Waiver without a reason or valid date",
    "RA101": "Waiver matches nothing",
    "RA102": "Expired waiver or answer",
    "RA103": "Unknown requirement in a waiver or the record",
    "RA104": "Record entry for a missing path",
}


def render(report: Report, show: str) -> str:
    findings = [f for f in reported(report) if shown(f, show) or f.status == "waived"]
    ids = list(dict.fromkeys(f.id for f in findings))
    rules = [_rule(i, report) for i in ids]
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "raiassist",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": report.standard.source_url
                        or "https://pypi.org/project/raiassist/",
                        "rules": rules,
                    }
                },
                "results": [_result(f, index[f.id]) for f in findings],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json_text(sarif, indent=2)


def _rule(rule_id: str, report: Report) -> dict[str, Any]:
    req = report.standard.by_id.get(rule_id)
    if req is None:
        text = TOOL_RULES.get(rule_id, rule_id)
        return {
            "id": rule_id,
            "name": text,
            "shortDescription": {"text": text},
            "defaultConfiguration": {"level": "warning"},
        }
    return {
        "id": req.id,
        "name": req.title,
        "shortDescription": {"text": req.title},
        "fullDescription": {"text": req.summary},
        "help": {"text": req.how_to_satisfy, "markdown": _help_markdown(req)},
        "helpUri": req.url or report.standard.source_url,
        "defaultConfiguration": {"level": LEVELS[req.severity]},
        "properties": {
            "tags": ["responsible-ai", req.goal, req.principle, *req.tags],
            "goal": req.goal,
            "crosswalk": {key: list(refs) for key, refs in req.crosswalk.items()},
        },
    }


def _help_markdown(req: Requirement) -> str:
    cross = "\n".join(f"- {key}: {', '.join(refs)}" for key, refs in req.crosswalk.items() if refs)
    return (
        f"**{req.id} {req.title}**\n\n{req.summary}\n\n**Why:** {req.why}\n\n"
        f"**How to satisfy it:** {req.how_to_satisfy}\n\n**Crosswalk**\n{cross}"
    )


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.id,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [_location(finding)],
    }
    if finding.status == "waived":
        reason = (
            finding.waiver.reason
            if finding.waiver
            else (finding.answer.text if finding.answer else "")
        )
        kind = "inSource" if finding.waiver else "external"
        result["suppressions"] = [{"kind": kind, "justification": reason}]
    return result


def _location(finding: Finding) -> dict[str, Any]:
    path = finding.path
    origin = next((h.path for h in finding.signals if h.path), None)
    if finding.scope == "project" and origin:
        path = origin
    physical: dict[str, Any] = {"artifactLocation": {"uri": path.replace("\\", "/")}}
    loc = finding.location
    if loc is not None:
        line = file_line(path, loc.cell, loc.line) if loc.cell is not None else loc.line
        physical["region"] = {"startLine": line, "startColumn": loc.column}
        if loc.cell is not None:
            return {
                "physicalLocation": physical,
                "properties": {"cell": loc.cell, "cellLine": loc.line},
            }
    return {"physicalLocation": physical}
