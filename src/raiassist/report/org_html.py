"""The organisation report as one self-contained HTML page: projects side by side, where
the Standard blocks teams, the trend, and what a candidate Standard would change. Every
text from a report (project names, titles, waiver reasons) is escaped."""

from __future__ import annotations

from html import escape
from typing import Any

from raiassist.report import charts
from raiassist.report.html import _days, _definitions, _page, _pct, _table

MAX_TREND_ROWS = 200  # projects listed in the trend table; the chart covers all


def org_page(data: dict[str, Any]) -> str:
    t = data["totals"]
    body = [
        "<h1>Responsible AI report: organisation</h1>",
        f'<p class="meta">Generated {escape(data["generated"])} from {len(data["projects"])} '
        f"project reports. Overall coverage {_pct(t['coverage'])}, {t['open_errors']} open "
        f"errors, {t['waiver_count']} waivers ({t['expired_waivers']} expired).</p>",
        *(_what_if(data["what_if"]) if "what_if" in data else []),
        "<h2>Where teams are blocked</h2>",
        *_blockers(data["blockers"]),
        "<h2>Teams over time</h2>",
        *_trend(data["trend"]),
        "<h2>Projects side by side</h2>",
        _projects(data),
        "<h2>Status by project</h2>",
        charts.status_bars(_bars(data), label_width=200),
        "<h2>Coverage by goal and project</h2>",
        _goals(data),
        "<h2>How these metrics are defined</h2>",
        _definitions(),
    ]
    return _page("Responsible AI report: organisation", body)


def _projects(data: dict[str, Any]) -> str:
    headers = ["Project", "Coverage", "Open errors", "Applicable", "Waivers", "Expired",
               "Time to close", "Report date"]  # fmt: skip
    return _table(
        headers,
        (
            [
                escape(p["project"]),
                _pct(p["metrics"]["coverage"]),
                p["metrics"]["open_errors"],
                p["metrics"]["applicable"],
                p["metrics"]["waiver_count"],
                p["metrics"]["expired_waivers"],
                _days(p["metrics"].get("time_to_close_median_days")),
                escape(str(p.get("generated") or "")),
            ]
            for p in data["projects"]
        ),
    )


def _bars(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": p["project"],
            "title": "",
            "applicable": p["metrics"]["applicable"],
            **{s: p["metrics"][s] for s in charts.COLOURS},
            "coverage": p["metrics"]["coverage"],
        }
        for p in data["projects"]
    ]


def _goals(data: dict[str, Any]) -> str:
    return _table(
        ["Goal", *data["names"]],
        (
            [f"{escape(g['id'])} {escape(g['title'])}"]
            + [_pct(g["coverage"].get(n)) for n in data["names"]]
            for g in data["goals"]
        ),
    )


def _blockers(found: dict[str, Any]) -> list[str]:
    rows = (
        [
            f"{escape(r['id'])} {escape(r['title'])}",
            (escape(r["severity"]), escape(r["severity"])),
            r["open"],
            r["waived"],
            f"{r['met']} of {r['projects']}",
            "<br>".join(f"{escape(x['reason'])} ({x['count']})" for x in r["reasons"]) or "–",
            _days(r["waiver_median_age_days"]),
            (r["expired_waivers"], "expired") if r["expired_waivers"] else 0,
        ]
        for r in found["requirements"]
    )
    headers = ["Requirement", "Severity", "Open in", "Waived in", "Met in", "Waiver reasons",
               "Median waiver age", "Expired"]  # fmt: skip
    return [
        "<p>Requirements ranked by how many projects have them open or waived.</p>",
        _table(headers, rows),
        "<h3>Never met in any project</h3>",
        f"<p>{_ids(found['never_met'])}</p>",
        "<h3>Only ever met by attestation</h3>",
        "<p>Where every project that meets a requirement does so by a person's word, "
        f"tooling to show evidence may be missing: {_ids(found['attestation_only'])}</p>",
    ]


def _ids(ids: list[str]) -> str:
    return ", ".join(escape(i) for i in ids) or "none"


def _trend(trend: dict[str, Any]) -> list[str]:
    if trend["dates"] < 2:
        return ["<p>Reports from one date only; merge reports from several dates for a trend.</p>"]
    rows = (
        [
            escape(p["project"]),
            f"{escape(p['samples'][0]['date'])} – {escape(p['samples'][-1]['date'])}",
            f"{_pct(p['samples'][0]['coverage'])} → {_pct(p['samples'][-1]['coverage'])}",
            f"{p['samples'][0]['open_errors']} → {p['samples'][-1]['open_errors']}",
            _days(p["time_to_close_median_days"]),
        ]
        for p in trend["projects"][:MAX_TREND_ROWS]
    )
    return [
        charts.trend(trend["organisation"]),
        f"<p>Organisation: time to close {_days(trend['time_to_close_median_days'])} at the "
        f"median over {trend['time_to_close_count']} closed requirements.</p>",
        _table(["Project", "Reports", "Coverage", "Open errors", "Time to close"], rows),
    ]


def _what_if(found: dict[str, Any]) -> list[str]:
    t = found["totals"]
    rows = (
        [
            f"{escape(r['id'])} {escape(r['title'])}",
            (escape(r["severity"]), escape(r["severity"])),
            r["projects"],
        ]
        for r in found["newly_open"]
    )
    projects = (
        [
            escape(p["project"]),
            _changes(p["opens"]),
            _changes(p["closes"]),
            _changes(p["changes"]),
            f"{p['before']['open_errors']} → {p['after']['open_errors']}",
        ]
        for p in found["projects"]
    )
    return [
        f"<h2>If {escape(found['standard'])} were published</h2>",
        f"<p>{t['projects_affected']} projects affected: {t['opens']} requirements would newly "
        f"open ({t['opens_errors']} errors), {t['closes']} would close, {t['changes']} would "
        f"change; open errors {t['open_errors_before']} → {t['open_errors_after']}.</p>",
        _table(["Newly open", "Severity", "Projects"], rows),
        _table(["Project", "Would open", "Would close", "Would change", "Open errors"], projects),
    ]


def _changes(rows: list[dict[str, Any]]) -> str:
    return (
        "<br>".join(
            f"{escape(r['id'])} ({escape(r['severity'])}): {escape(r['was'])} → {escape(r['now'])}"
            for r in rows
        )
        or "–"
    )
