"""What a project report records so that a candidate Standard can be evaluated against it
later without the project's code: per file the signals and evidence found (name and place,
no code), the documents' evidence, inline waivers, the record's answers and the settings.

`recorded` writes this part of `raiassist-report/2`; `replayed` turns it back into the
core's own inputs (Facts, Record, Settings), so that what-if runs the same `evaluate`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from raiassist.checking import FileReport, Report, hits_for
from raiassist.config import Config, Settings
from raiassist.document import Document, Location
from raiassist.printable import printable
from raiassist.record import Entry, Record
from raiassist.scan import Facts, Hit
from raiassist.waivers import Waiver

SETTINGS = ("select", "ignore", "severity", "per-path-ignores")


def recorded(report: Report, short: Any) -> dict[str, Any]:
    """The replayable facts of a checked project. `short` shortens evidence descriptions
    as the rest of the report does."""
    documents: dict[tuple[str, str, str, str], int] = {}
    files = [_file(f, report, documents, short) for f in report.files]
    table = report.config.settings.as_table()
    return {
        "settings": {key: table[key] for key in SETTINGS},
        "answers": [_answer(e) for e in report.record.entries],
        "documents": [
            {"name": name, "kind": kind, "path": printable(path), "detail": detail}
            for name, kind, path, detail in documents
        ],
        "files": files,
    }


def _file(
    file: FileReport, report: Report, documents: dict[tuple[str, str, str, str], int], short: Any
) -> dict[str, Any]:
    firsts: dict[tuple[str, str], Hit] = {}
    for hit in file.facts.hits:
        firsts.setdefault((hit.name, hit.kind), hit)
    shared = (
        hits_for(report.root, report.root / file.relative) if not file.facts.document.error else ()
    )
    used = [
        documents.setdefault((h.name, h.kind, h.path, short(h.detail)), len(documents))
        for h in shared
    ]
    return {
        "path": printable(file.relative),
        "kind": file.kind,
        "error": file.facts.document.error is not None,
        "hits": [
            {"name": h.name, "kind": h.kind, **_place(h.location)}
            | ({"detail": short(h.detail)} if h.kind == "evidence" else {})
            for h in firsts.values()
        ],
        "documents": sorted(set(used)),
        "waivers": [
            {
                "ids": list(w.ids),
                "reason": w.reason,
                "until": w.until.isoformat() if w.until else None,
                "own_line": w.own_line,
                "problem": w.problem,
                **_place(w.location),
            }
            for w in file.facts.waivers
        ],
    }


def _place(location: Location) -> dict[str, Any]:
    return {"cell": location.cell, "line": location.line, "column": location.column}


def _answer(entry: Entry) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in entry.as_dict().items()}


def replayed(
    data: dict[str, Any], name: str
) -> tuple[Config, Record, list[tuple[Facts, tuple[Hit, ...]]]]:
    """The project's settings, record and per-file (facts, document hits) from a report."""
    settings = {k.replace("-", "_"): v for k, v in data["settings"].items()}
    config = Config(Path(name), None, Settings(**settings))
    entries = tuple(Entry(**_dated(a)) for a in data["answers"])
    documents = [
        Hit(d["name"], d["kind"], Location(None, 1, 1), d["detail"], path=d["path"])
        for d in data["documents"]
    ]
    files = [(_facts(f), tuple(documents[i] for i in f["documents"])) for f in data["files"]]
    return config, Record(Path(name) / "record", entries), files


def _dated(answer: dict[str, Any]) -> dict[str, Any]:
    dates = ("date", "expires")
    return {k: dt.date.fromisoformat(v) if k in dates and v else v for k, v in answer.items()}


def _facts(file: dict[str, Any]) -> Facts:
    error = "could not be read when the report was made" if file["error"] else None
    document = Document(file["path"], file["kind"], error=error)
    hits = tuple(Hit(h["name"], h["kind"], _location(h), h.get("detail", "")) for h in file["hits"])
    waivers = tuple(
        Waiver(
            tuple(w["ids"]),
            w["reason"],
            dt.date.fromisoformat(w["until"]) if w["until"] else None,
            _location(w),
            w["own_line"],
            w["problem"],
        )
        for w in file["waivers"]
    )
    return Facts(document, hits, (), waivers)


def _location(data: dict[str, Any]) -> Location:
    return Location(data["cell"], data["line"], data["column"])
