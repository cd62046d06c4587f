"""What a candidate Standard would change for a project, before it is published: the
project's recorded facts (signals, evidence, waivers, answers, settings) evaluated again
with the same core, against the candidate, as of the day the report was made; then the
requirements that would newly open, close or change, errors first."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from raiassist.evaluate import Inputs, evaluate
from raiassist.report.facts import replayed
from raiassist.report.project import STATUSES, coverage, settled_status
from raiassist.standard.model import Standard, severity_rank

SETTLED = ("met", "not-applicable")


def candidate_report(data: dict[str, Any], standard: Standard) -> dict[str, Any]:
    """The project's requirements (id, title, severity, status) and headline metrics as the
    candidate Standard would give them."""
    today = dt.date.fromisoformat(data["generated"])
    config, record, files = replayed(data["facts"], data["project"])
    statuses: dict[str, set[str]] = defaultdict(set)
    for facts, documents in files:
        path = facts.document.path
        inputs = Inputs(standard, config.settings, record, documents, today)
        for finding in evaluate(facts, path, inputs, path):
            if finding.kind == "requirement":
                statuses[finding.id].add(finding.status)
    rows = []
    for req_id, found in statuses.items():
        req = standard.by_id[req_id]
        status = settled_status(req.scope, found)  # the pack's severity, as project reports say
        rows.append({"id": req_id, "title": req.title, "severity": req.severity, "status": status})
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUSES}
    counts["applicable"] = len(rows)
    errors = sum(1 for r in rows if r["status"] == "open" and r["severity"] == "error")
    metrics = {**counts, "coverage": coverage(counts), "open_errors": errors}
    return {"project": data["project"], "requirements": rows, "metrics": metrics}


def impact(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Requirements that would newly open, close, or change status or severity."""
    was = {r["id"]: r for r in before["requirements"]}
    now = {r["id"]: r for r in after["requirements"]}
    opens, closes, changes = [], [], []
    for req_id in dict.fromkeys([*now, *was]):
        old, new = was.get(req_id), now.get(req_id)
        old_status = old["status"] if old else "does not apply"
        new_status = new["status"] if new else "does not apply"
        row = _row(req_id, old, new, old_status, new_status)
        if new_status == "open" and old_status != "open":
            opens.append(row)
        elif old_status == "open" and new_status != "open":
            closes.append(row)
        elif old_status != new_status or (old and new and old["severity"] != new["severity"]):
            changes.append(row)
    return {
        "project": before["project"],
        "opens": sorted(opens, key=_errors_first),
        "closes": sorted(closes, key=_errors_first),
        "changes": sorted(changes, key=_errors_first),
        "before": _headline(before["metrics"]),
        "after": _headline(after["metrics"]),
    }


def _row(
    req_id: str, old: dict[str, Any] | None, new: dict[str, Any] | None, was: str, now: str
) -> dict[str, Any]:
    shown = new or old
    assert shown is not None
    return {
        "id": req_id,
        "title": shown["title"],
        "severity": shown["severity"],
        "was": was
        if old is None or old["severity"] == shown["severity"]
        else f"{was} ({old['severity']})",
        "now": now,
    }


def _errors_first(row: dict[str, Any]) -> tuple[int, str]:
    return (-severity_rank(row["severity"]), row["id"])


def _headline(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics[k] for k in ("coverage", "open_errors", "open", "applicable")}
