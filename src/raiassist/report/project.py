"""A project's report data (`raiassist-report/2`) from a check: per requirement, goal and
principle, the success metrics, waivers, and the crosswalk coverage.

Only file paths, cell indexes, requirement texts, short evidence descriptions and people's
answers go in: no code or data from the notebooks, so a report can be shared outside the team.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import defaultdict
from dataclasses import replace
from typing import Any

from raiassist import __version__
from raiassist.checking import Report
from raiassist.evaluate import Finding
from raiassist.printable import printable
from raiassist.report.facts import recorded
from raiassist.standard.model import Requirement, Standard, severity_rank
from raiassist.standard.vocabulary import vocabulary

VERSION = "raiassist-report/2"
STATUSES = ("met", "open", "waived", "not-applicable")
MAX_DETAIL = 80  # characters of an evidence description
MAX_INCIDENTS = 3  # incidents linked per requirement: the report points, the handbook tells
MAX_QUOTED = 64  # a quoted name longer than a column name is data, not a name
_QUOTED = re.compile(r"'[^'\n]*+'|\"[^\"\n]*+\"")
_CODE = frozenset("[](){}=<>`\\")


def project_report(report: Report, name: str, today: dt.date, facts: bool = True) -> dict[str, Any]:
    """The report data for one checked project; with `facts`, what a later what-if needs
    (see `raiassist.report.facts`)."""
    standard = report.standard
    per_requirement = _requirements(report, standard)
    rows = list(per_requirement.values())
    return {
        "version": VERSION,
        "raiassist": __version__,
        "project": name,
        "generated": today.isoformat(),
        "packs": [{"id": p.id, "version": p.version} for p in standard.packs],
        "files": len(report.files),
        "metrics": metrics(rows, report, today),
        "principles": _grouped(rows, standard, "principle"),
        "goals": _grouped(rows, standard, "goal"),
        "requirements": sorted(rows, key=_rank),
        "waivers": waivers(report, today),
        "crosswalk": crosswalk(rows, standard),
        "trend": [],
        **({"facts": recorded(report, short)} if facts else {}),
    }


def _requirements(report: Report, standard: Standard) -> dict[str, dict[str, Any]]:
    findings: dict[str, list[Finding]] = defaultdict(list)
    for file in report.files:
        for finding in file.requirements:  # paths as the project knows them, not the reader
            findings[finding.id].append(replace(finding, path=file.relative))
    rows = {}
    for req_id, found in findings.items():
        req = standard.by_id.get(req_id)
        if req is not None:
            rows[req_id] = _row(req, found) | {"incidents": incidents(standard, req_id)}
    return rows


def _row(req: Requirement, found: list[Finding]) -> dict[str, Any]:
    status = settled_status(req.scope, {f.status for f in found})
    return {
        "id": req.id,
        "goal": req.goal,
        "principle": req.principle,
        "title": req.title,
        "severity": req.severity,
        "scope": req.scope,
        "status": status,
        "attested": any(f.answer and f.answer.answer == "attested" for f in found)
        and not any(f.evidence for f in found),
        "prompt": req.prompt,
        "files": [
            {
                "path": printable(f.path),
                "status": f.status,
                "cell": f.location.cell if f.location else None,
                "line": f.location.line if f.location else None,
            }
            for f in found
        ],
        "evidence": sorted({short(e.detail) for f in found for e in f.evidence})[:5],
        "crosswalk": {k: list(v) for k, v in req.crosswalk.items()},
    }


def settled_status(scope: str, statuses: set[str]) -> str:
    """A requirement's status for the project from its files' statuses."""
    if scope == "project" and "met" in statuses:
        return "met"  # project-wide: met once anywhere in the project is met
    return next(s for s in ("open", "waived", "met", "not-applicable") if s in statuses)


def incidents(standard: Standard, req_id: str) -> list[dict[str, Any]]:
    """The real-world incidents where the requirement (or its goal) was missed: title, year
    and the address of the first source, the first few the Standard lists."""
    return [
        {"id": i.id, "title": i.title, "year": i.year, "url": i.url}
        for i in standard.incidents_of(req_id)[:MAX_INCIDENTS]
    ]


def short(detail: str) -> str:
    """An evidence description fit to share: quoted values longer than a column name and
    words that look like code are left out, and the whole is cut to MAX_DETAIL characters."""
    text = _QUOTED.sub(lambda m: m.group() if len(m.group()) <= MAX_QUOTED + 2 else "'…'", detail)
    words = ["…" if _CODE.intersection(word.strip("(),")) else word for word in text.split()]
    text = printable(" ".join(words))
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1].rsplit(" ", 1)[0] + " …"


def _rank(row: dict[str, Any]) -> tuple[int, int, str]:
    return (STATUSES.index(row["status"]) != 1, -severity_rank(row["severity"]), row["id"])


def _counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUSES}
    counts["applicable"] = len(rows)
    return counts


def coverage(counts: dict[str, int]) -> float | None:
    """Met (by evidence or attestation) over applicable, not-applicable answers left out."""
    denominator = counts["applicable"] - counts["not-applicable"]
    return round(counts["met"] / denominator, 4) if denominator else None


def metrics(rows: list[dict[str, Any]], report: Report, today: dt.date) -> dict[str, Any]:
    counts = _counts(rows)
    found = waivers(report, today)
    ages = [w["age_days"] for w in found if w["age_days"] is not None]
    return {
        **counts,
        "coverage": coverage(counts),
        "open_errors": sum(1 for r in rows if r["status"] == "open" and r["severity"] == "error"),
        "attested": sum(1 for r in rows if r["attested"] and r["status"] == "met"),
        "waiver_count": len(found),
        "waiver_median_age_days": statistics.median(ages) if ages else None,
        "waiver_oldest_days": max(ages) if ages else None,
        "expired_waivers": sum(1 for w in found if w["expired"]),
        "time_to_close_median_days": None,
        "time_to_close_count": 0,
    }


def _grouped(rows: list[dict[str, Any]], standard: Standard, key: str) -> list[dict[str, Any]]:
    items = standard.goals if key == "goal" else standard.principles
    out = []
    for item in items:
        mine = [r for r in rows if r[key] == item.id]
        counts = _counts(mine)
        out.append({"id": item.id, "title": item.title, **counts, "coverage": coverage(counts)})
    return out


def waivers(report: Report, today: dt.date) -> list[dict[str, Any]]:
    """Every waiver, from the record and from inline comments, with its reason, owner, age
    and expiry; expired ones first."""
    found = [
        {
            "id": e.id,
            "where": printable(e.scope),
            "kind": "record",
            "reason": e.text,
            "by": e.by,
            "date": e.date.isoformat(),
            "expires": e.expires.isoformat() if e.expires else None,
            "expired": e.expired(today),
            "age_days": (today - e.date).days,
        }
        for e in report.record.entries
        if e.answer == "waived"
    ]
    for file in report.files:
        for w in file.facts.waivers:
            found += [
                {
                    "id": i,
                    "where": printable(file.relative),
                    "kind": "inline",
                    "reason": w.reason,
                    "by": None,
                    "date": None,
                    "expires": w.until.isoformat() if w.until else None,
                    "expired": w.expired(today),
                    "age_days": None,
                }
                for i in w.ids
            ]
    return sorted(found, key=lambda w: (not w["expired"], w["id"], w["where"]))


def crosswalk(rows: list[dict[str, Any]], standard: Standard) -> dict[str, list[dict[str, Any]]]:
    """For each framework identifier the applicable requirements map to: covered when every
    applicable requirement mapping to it is met."""
    frameworks = vocabulary().frameworks
    result: dict[str, list[dict[str, Any]]] = {}
    for key, framework in frameworks.items():
        refs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            for ref in row["crosswalk"].get(key, []):
                refs[ref].append(row)
        result[key] = [
            {
                "id": ref,
                "title": framework.ids.get(framework.base_id(ref) or "", ""),
                "requirements": [r["id"] for r in mapped],
                "covered": all(r["status"] in ("met", "not-applicable") for r in mapped),
            }
            for ref, mapped in sorted(refs.items())
        ]
    return result
