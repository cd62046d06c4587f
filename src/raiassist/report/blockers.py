"""Where the Standard is failing its users, across projects: requirements ranked by how many
projects have them open or waived, the waivers' reasons grouped with their count, median
age and expired count; requirements met nowhere; requirements only ever met by attestation
(where tooling to show evidence is missing).

Built from each project's latest report only, one project at a time (`add`), keeping per
requirement a few counters and the waiver reasons, never a report's detail."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from raiassist.standard.model import severity_rank


@dataclass
class _Tally:
    title: str
    severity: str
    applicable: int = 0
    open: int = 0
    waived: int = 0
    met: int = 0
    attested: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    ages: list[int] = field(default_factory=list)
    expired: int = 0


@dataclass
class Blockers:
    tallies: dict[str, _Tally] = field(default_factory=dict)

    def add(self, contribution: dict[str, Any]) -> None:
        """One project's part, as `contribution` takes it from its report."""
        for req_id, title, severity, status, attested in contribution["requirements"]:
            tally = self.tallies.setdefault(req_id, _Tally(title, severity))
            tally.applicable += 1
            if status == "open":
                tally.open += 1
            elif status == "waived":
                tally.waived += 1
            elif status == "met":
                tally.met += 1
                tally.attested += bool(attested)
        for req_id, reason, age, expired in contribution["waivers"]:
            if req_id not in self.tallies:
                continue  # a waiver for a requirement that no longer applies there
            tally = self.tallies[req_id]
            tally.reasons[" ".join(reason.split())] += 1
            if age is not None:
                tally.ages.append(age)
            tally.expired += bool(expired)

    def summary(self, top: int = 50) -> dict[str, Any]:
        rows = [_row(req_id, t) for req_id, t in self.tallies.items()]
        ranked = sorted(
            (r for r in rows if r["open"] + r["waived"]),
            key=lambda r: (-(r["open"] + r["waived"]), -severity_rank(r["severity"]), r["id"]),
        )
        return {
            "requirements": ranked[:top],
            "never_met": sorted(r["id"] for r in rows if r["met"] == 0),
            "attestation_only": sorted(
                r["id"] for r in rows if r["met"] and r["met_by_attestation"] == r["met"]
            ),
        }


def contribution(report: dict[str, Any]) -> dict[str, Any]:
    """The little of a project report that blockers need."""
    return {
        "requirements": [
            (r["id"], r["title"], r["severity"], r["status"], r.get("attested", False))
            for r in report["requirements"]
        ],
        "waivers": [
            (w["id"], str(w.get("reason") or ""), w.get("age_days"), w.get("expired", False))
            for w in report["waivers"]
        ],
    }


def _row(req_id: str, t: _Tally) -> dict[str, Any]:
    return {
        "id": req_id,
        "title": t.title,
        "severity": t.severity,
        "projects": t.applicable,
        "open": t.open,
        "waived": t.waived,
        "met": t.met,
        "met_by_attestation": t.attested,
        "reasons": [{"reason": r, "count": n} for r, n in t.reasons.most_common(10)],
        "waiver_median_age_days": statistics.median(t.ages) if t.ages else None,
        "expired_waivers": t.expired,
    }
