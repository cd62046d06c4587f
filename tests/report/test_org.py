"""The organisation report from fixture reports: blockers (open or waived most often, the
waiver reasons grouped, their age and expiry; never met; only attested), teams over time,
the what-if of a candidate Standard, and the merge benchmark's generator."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, ROOT, run_cli

ORG = FIXTURES / "report" / "org"
WHATIF = FIXTURES / "report" / "whatif"


def merge(tmp_path: Path, *args: str) -> tuple[dict[str, Any], str]:
    out = tmp_path / "org.html"
    result = run_cli("report", "--merge", *args, "-o", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads(out.with_suffix(".json").read_text()), out.read_text()


def test_blockers_rank_requirements_and_group_waiver_reasons(tmp_path: Path) -> None:
    data, html = merge(tmp_path, str(ORG))
    found = data["blockers"]
    assert [(r["id"], r["open"], r["waived"], r["met"]) for r in found["requirements"]] == [
        ("A1.1", 0, 2, 0),  # waived in alpha (its latest report) and in beta
        ("F1.5", 0, 1, 1),  # met in alpha's latest report, waived in beta
    ]
    a11, f15 = found["requirements"]
    assert a11["reasons"] == [
        {"reason": "evaluated per group in the nightly fairness job", "count": 1},
        {"reason": "the assessment is kept in the bank's own system", "count": 1},
    ]
    assert (a11["waiver_median_age_days"], a11["expired_waivers"]) == (27, 0)  # 24 and 30
    assert (f15["waiver_median_age_days"], f15["expired_waivers"]) == (400, 1)
    assert f15["reasons"][0]["reason"] == "evaluated per group in the nightly fairness job"
    assert found["never_met"] == ["A1.1"]
    assert found["attestation_only"] == ["T3.2"]
    assert "Where teams are blocked" in html and "the assessment is kept in the bank&#x27;s" in html


def test_the_same_reason_is_counted_once_with_its_number(tmp_path: Path) -> None:
    reports = []
    for name in ("alpha", "beta"):
        data = json.loads((ORG / "beta-2026-10-15.json").read_text())
        data["project"] = name
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data))
        reports.append(str(path))
    data, _ = merge(tmp_path, *reports)
    f15 = next(r for r in data["blockers"]["requirements"] if r["id"] == "F1.5")
    assert f15["reasons"] == [
        {"reason": "evaluated per group in the nightly fairness job", "count": 2}
    ]


def test_teams_over_time(tmp_path: Path) -> None:
    data, html = merge(tmp_path, str(ORG))
    trend = data["trend"]
    assert trend["organisation"] == [
        {"date": "2026-10-01", "projects": 1, "coverage": 0.3333, "open_errors": 1},
        # alpha's second report (2 of 3 met) with beta's only one (1 of 3 met)
        {"date": "2026-10-15", "projects": 2, "coverage": 0.5, "open_errors": 0},
    ]
    (alpha,) = trend["projects"]
    assert [s["coverage"] for s in alpha["samples"]] == [0.3333, 0.6667]
    assert alpha["time_to_close_median_days"] == 14  # F1.5 open on 10-01, met on 10-15
    assert 'data-series="coverage"' in html and "https://" not in html.split("<h2>How")[0]
    assert [p["project"] for p in data["projects"]] == ["alpha", "beta"]
    assert data["projects"][0]["generated"] == "2026-10-15", "the latest report counts"


def test_what_if_shows_what_a_candidate_would_open_close_and_change(tmp_path: Path) -> None:
    data, html = merge(
        tmp_path, str(WHATIF / "waivers.json"), "--pack", str(WHATIF / "candidate.yaml")
    )
    found = data["what_if"]
    (project,) = found["projects"]
    assert [(r["id"], r["severity"], r["was"]) for r in project["opens"]] == [
        ("CAND1.1", "error", "does not apply")
    ]
    assert [(r["id"], r["now"]) for r in project["closes"]] == [("RS3.9", "does not apply")]
    assert [(r["id"], r["was"], r["now"]) for r in project["changes"]] == [
        ("A3.5", "open (warning)", "open")
    ]
    recorded = json.loads((WHATIF / "waivers.json").read_text())["metrics"]["open_errors"]
    assert found["totals"]["open_errors_before"] == recorded
    assert found["totals"]["open_errors_after"] == recorded + 2  # CAND1.1 and A3.5
    assert found["newly_open"][0]["projects"] == 1
    assert "If msrai-v2 2022.06+raiassist.1 + candidate 2027.1 were published" in html


def test_the_same_standard_changes_nothing(tmp_path: Path) -> None:
    data, _ = merge(tmp_path, str(WHATIF / "waivers.json"), "--pack", "msrai-v2")
    assert data["what_if"]["projects"] == []


def test_a_report_without_replayable_facts_is_refused_for_a_what_if(tmp_path: Path) -> None:
    data = json.loads((WHATIF / "waivers.json").read_text())
    data["facts"]["files"][0]["hits"][0]["line"] = "five"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = run_cli(
        "report", "--merge", str(bad), "--pack", "msrai-v2", "-o", str(tmp_path / "o.html")
    )
    assert result.returncode == 2
    assert "bad.json: facts.files[0].hits[0].line: Input should be a valid integer" in result.stderr


def test_the_benchmark_generator_makes_reports_the_merge_accepts(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import merge_reports
    finally:
        sys.path.pop(0)
    paths = merge_reports.generate(tmp_path, 6, dates=2, kinds=3)
    assert len(paths) == 6
    from raiassist.report.merge import read_report

    for path in paths:
        report = read_report(path, replayable=True)
        m, rows = report["metrics"], report["requirements"]
        assert m["applicable"] == len(rows)
        assert m["open"] == sum(1 for r in rows if r["status"] == "open")
        assert m["waiver_count"] == len(report["waivers"])
    data, _ = merge(tmp_path, str(tmp_path))
    assert len(data["projects"]) == 3 and data["trend"]["dates"] == 2
