"""JSON: every applicable requirement of every file, with status, locations, evidence, the
signals that made it apply, and any waiver or answer. The shape is versioned
(`raiassist-check/1`) and documented in the README."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any, Protocol

from raiassist import __version__
from raiassist.catalogue.model import Entry
from raiassist.checking import FileReport, Report
from raiassist.document import Location
from raiassist.evaluate import Finding
from raiassist.next_actions import next_actions, to_act
from raiassist.printable import json_text, printable
from raiassist.reporters.common import failing, reported_shown, tally

VERSION = "raiassist-check/1"


class Fragments(Protocol):
    """Where the JSON of each file's report is kept between runs (the result cache), as
    UTF-8."""

    def fragment(self, report: FileReport) -> bytes | None: ...

    def keep_fragment(self, report: FileReport, data: bytes) -> None: ...


def render(report: Report, show: str) -> str:
    """The report as JSON."""
    return json_text(report_json(report, show))


def encoded(report: Report, show: str, kept: Fragments) -> bytes:
    """The report as JSON, in UTF-8, each file's part taken from `kept` when a run already
    wrote it for the same report (and kept there when not), so that a re-run over unchanged
    files prints its megabytes as they were read, neither built nor decoded again. The
    bytes are those of `render`: what `json.dumps` writes for the whole is its parts,
    joined."""
    parts = []
    for file in report.files:
        data = kept.fragment(file)
        if data is None:
            data = json_text(file_json(file)).encode("utf-8")
            kept.keep_fragment(file, data)
        parts.append(data)
    whole = report_json(report, show, files=False)
    head = json_text({k: whole.pop(k) for k in ("version", "raiassist", "root", "packs")})
    rest = json_text(whole)
    return b"".join(
        [head[:-1].encode(), b', "files": [', b", ".join(parts), b"], ", rest[1:].encode()]
    )


def report_json(report: Report, show: str, files: bool = True) -> dict[str, Any]:
    """The whole report as data; without `files`, all but the files' part."""
    settings = report.config.settings
    counted = tally(report, show)
    return {
        "version": VERSION,
        "raiassist": __version__,
        "root": printable(str(report.root)),
        "packs": [{"id": p.id, "version": p.version} for p in report.standard.packs],
        **({"files": [file_json(f) for f in report.files]} if files else {}),
        "project": _project_json(report),
        "summary": {
            "files": len(report.files),
            "open": _open(counted),
            "shown": sum(1 for _ in reported_shown(report, show)),
            "met": _of(counted, "met"),
            "waived": _of(counted, "waived"),
            "not_applicable": _of(counted, "not-applicable"),
            "fail_on": settings.fail_on,
            "failed": failing(report, settings.fail_on),
        },
    }


def file_json(file: FileReport, goal_titles: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One file's checklist; also what the Jupyter server extension returns. `sources` holds
    each catalogue entry its findings cite (`because`) once; `next_actions` is the order in
    which to act on the requirements (ids, in sections), `to_act` how many are open errors
    and warnings."""
    document = file.facts.document
    sources: Sources = {}
    return {
        "path": file.path,
        "relative": printable(file.relative),
        "kind": file.kind,
        "error": document.error,
        "notes": list(document.notes),
        "signals": sorted(file.facts.signals),
        "evidence": sorted(file.facts.evidence),
        "requirements": [
            finding_json(f, sources) for f in file.findings if f.kind == "requirement"
        ],
        "problems": [finding_json(f, sources) for f in file.findings if f.kind == "tool"],
        "sources": sources,
        "to_act": to_act(file.findings),
        "next_actions": [
            {
                "kind": section.kind,
                "title": section.title,
                "collapsed": section.collapsed,
                "goal": section.goal,
                "ids": [f.id for f in section.findings],
            }
            for section in next_actions(file.findings, goal_titles)
        ],
    }


def _project_json(report: Report) -> dict[str, Any]:
    sources: Sources = {}
    return {
        "requirements": [finding_json(f, sources) for f in report.project],
        "problems": [finding_json(f, sources) for f in report.problems],
        "sources": sources,
    }


Sources = dict[str, dict[str, str]]


def finding_json(finding: Finding, sources: Sources | None = None) -> dict[str, Any]:
    """One finding; the catalogue entries its signals and evidence cite go into `sources`."""
    cited = sources if sources is not None else {}
    data: dict[str, Any] = {
        "id": finding.id,
        "goal": finding.goal or None,
        "title": finding.title or None,
        "status": finding.status,
        "severity": finding.severity,
        "scope": finding.scope,
        "message": finding.message,
        "locations": [location_json(finding.path, finding.location)] if finding.location else [],
        "signals": [
            {
                "name": h.name,
                "detail": h.detail,
                "because": because(h.entry, cited),
                **location_json(h.path or finding.path, h.location),
            }
            for h in finding.signals
        ],
        "evidence": [
            {
                "kind": e.kind,
                "detail": e.detail,
                "because": because(e.entry, cited),
                **location_json(e.path, e.location),
            }
            for e in finding.evidence
        ],
        "incomplete": list(finding.incomplete),
        "not_run": finding.not_run,
        "waiver": None,
        "answer": None,
    }
    if finding.waiver:
        w = finding.waiver
        data["waiver"] = {
            "reason": w.reason,
            "until": w.until.isoformat() if w.until else None,
            **location_json(finding.path, w.location),
        }
    if finding.answer:
        data["answer"] = {
            k: str(v) if isinstance(v, dt.date) else v for k, v in finding.answer.as_dict().items()
        }
    return data


def because(entry: Entry | None, sources: Sources) -> str | None:
    """The id of the catalogue entry behind a signal or evidence (why raiassist reads the
    code so), listed once in `sources` with its name, documentation and catalogue."""
    if entry is None:
        return None
    if entry.id not in sources:
        sources[entry.id] = {"name": entry.name, "docs": entry.docs, "catalogue": entry.catalogue}
    return entry.id


def location_json(path: str, location: Location | None) -> dict[str, Any]:
    if location is None:
        return {"path": path, "cell": None, "line": None, "column": None}
    cell, line, column = location.cell, location.line, location.column
    return {"path": path, "cell": cell, "line": line, "column": column}


def _open(counted: Counter[tuple[str, str]]) -> dict[str, int]:
    """How many findings are open at each severity."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for (status, severity), number in counted.items():
        if status == "open":
            counts[severity] = counts.get(severity, 0) + number
    return counts


def _of(counted: Counter[tuple[str, str]], status: str) -> int:
    return sum(number for (held, _), number in counted.items() if held == status)
