"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, no network;
readable in a browser and printable."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from raiassist.report import charts
from raiassist.standard.vocabulary import vocabulary

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2733;
margin:0 auto;max-width:980px;padding:24px}h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde3ea;padding-bottom:4px}
.meta{color:#5b6b7b}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid #dde3ea;border-radius:8px;padding:10px 14px;min-width:130px}
.card b{display:block;font-size:22px}table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eef1f4;vertical-align:top}
th{background:#f5f7fa}.error{color:#c62828;font-weight:600}.warning{color:#a66300}
.expired{color:#c62828;font-weight:600}svg .label{font-size:12px;fill:#1d2733}
svg .value,svg .tick{font-size:11px;fill:#5b6b7b}svg .axis{stroke:#9aa7b4}
dl.metrics dt{font-weight:600;margin-top:6px}dl.metrics dd{margin:0 0 0 0;color:#3c4a58}
@media print{body{max-width:none;padding:0}h2{break-after:avoid}table,svg{break-inside:avoid}}
"""
DEFINITIONS = [
    (
        "Coverage",
        "Requirements met, by evidence found in code or documents or by a person's "
        "attestation, over the requirements that apply; answers of not applicable are left out.",
    ),
    (
        "Open errors",
        "Requirements of severity error that apply and are neither met, waived "
        "nor answered not applicable. raiassist check fails on these by default.",
    ),
    (
        "Waiver count and age",
        "Waivers in the project's record and inline waiver comments; age "
        "is days since the record entry's date. Expired waivers no longer count and are listed "
        "first.",
    ),
    (
        "Time to close",
        "Days from the first weekly sample in which a requirement was open to "
        "the first later sample in which it was met or answered not applicable (needs --since).",
    ),
    (
        "Trend",
        "One sample per week since --since: the project checked as it was at that "
        "week's last commit, with the configuration it had then.",
    ),
]


def project_page(data: dict[str, Any]) -> str:
    m = data["metrics"]
    cards = [
        ("Coverage", _pct(m["coverage"])),
        ("Open errors", m["open_errors"]),
        ("Applicable", m["applicable"]),
        ("Met", m["met"]),
        ("Waived", m["waived"]),
        ("Not applicable", m["not-applicable"]),
        ("Time to close", _days(m["time_to_close_median_days"])),
    ]
    body = [
        f"<h1>Responsible AI report: {escape(data['project'])}</h1>",
        f'<p class="meta">Generated {escape(data["generated"])} by raiassist '
        f"{escape(data['raiassist'])} from {data['files']} files; Standard: "
        + ", ".join(escape(f"{p['id']} {p['version']}") for p in data["packs"])
        + "</p>",
        '<div class="cards">'
        + "".join(f"<div class='card'>{escape(k)}<b>{escape(str(v))}</b></div>" for k, v in cards)
        + "</div>",
        "<h2>Status breakdown</h2>",
        charts.breakdown(m),
        "<h2>Coverage by goal</h2>",
        charts.status_bars(data["goals"]),
        "<h2>By principle</h2>",
        _counts_table(data["principles"]),
        "<h2>Trend</h2>",
        charts.trend(data["trend"]),
        "<h2>Open requirements, most severe first</h2>",
        _open_table(data["requirements"]),
        "<h2>Waivers</h2>",
        _waiver_table(data["waivers"]),
        "<h2>Evidence behind met requirements</h2>",
        _evidence_table(data["requirements"]),
        "<h2>Crosswalk coverage</h2>",
        _crosswalk(data["crosswalk"]),
        "<h2>How these metrics are defined</h2>",
        _definitions(),
    ]
    return _page(f"Responsible AI report: {data['project']}", body)


def _page(title: str, body: list[str]) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n"
    )


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A table of cells that are already HTML; a cell given as (html, class) carries a class."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class='{c[1]}'>{c[0]}</td>" if isinstance(c, tuple) else f"<td>{c}</td>"
            for c in row
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _counts_table(rows: list[dict[str, Any]]) -> str:
    return _table(
        ["Principle", "Applicable", "Met", "Open", "Waived", "Not applicable", "Coverage"],
        (
            [
                escape(r["title"]),
                r["applicable"],
                r["met"],
                r["open"],
                r["waived"],
                r["not-applicable"],
                _pct(r["coverage"]),
            ]
            for r in rows
        ),
    )


def _open_table(rows: list[dict[str, Any]]) -> str:
    open_rows = [r for r in rows if r["status"] == "open"]
    if not open_rows:
        return "<p>Nothing is open.</p>"
    return _table(
        ["Severity", "ID", "Requirement", "Where", "When this was missed"],
        (
            [
                (escape(r["severity"]), r["severity"]),
                escape(r["id"]),
                f"{escape(r['title'])}<br><small>{escape(r['prompt'])}</small>",
                _places(r["files"]),
                "<br>".join(_incident_link(i) for i in r.get("incidents", [])) or "–",
            ]
            for r in open_rows
        ),
    )


def _incident_link(incident: dict[str, Any]) -> str:
    """`title (year)` linked to its source; the text alone when the address is not http(s)."""
    text = escape(f"{incident['title']} ({incident['year']})")
    url = str(incident["url"])
    if not url.startswith(("https://", "http://")):
        return text
    return f'<a href="{escape(url, quote=True)}">{text}</a>'


def _places(files: list[dict[str, Any]]) -> str:
    if len(files) > 1 and all(f["cell"] is None and f["line"] is None for f in files):
        return f"project-wide ({len(files)} files)"
    places = []
    for f in files:
        if f["status"] != "open":
            continue
        cell = f" cell {f['cell'] + 1}" if f["cell"] is not None else ""
        line = f" line {f['line']}" if f["line"] else ""
        places.append(escape(f"{f['path']}{cell}{line}"))
    return "<br>".join(places[:5]) + (f"<br>and {len(places) - 5} more" if len(places) > 5 else "")


def _waiver_table(waivers: list[dict[str, Any]]) -> str:
    if not waivers:
        return "<p>No waivers.</p>"
    return _table(
        ["ID", "Where", "Reason", "Owner", "Age", "Expires"],
        (
            [
                escape(w["id"]),
                escape(w["where"]),
                escape(w["reason"]),
                escape(w["by"] or "–"),
                _days(w["age_days"]),
                (
                    escape(w["expires"] or "none") + (" (expired)" if w["expired"] else ""),
                    "expired" if w["expired"] else "",
                ),
            ]
            for w in waivers
        ),
    )


def _evidence_table(rows: list[dict[str, Any]]) -> str:
    return _table(
        ["ID", "Requirement", "Evidence"],
        (
            [
                escape(r["id"]),
                escape(r["title"]),
                "; ".join(escape(e) for e in r["evidence"]) or "attested in the record",
            ]
            for r in rows
            if r["status"] == "met"
        ),
    )


def _crosswalk(data: dict[str, list[dict[str, Any]]]) -> str:
    frameworks = vocabulary().frameworks
    parts = []
    for key, refs in data.items():
        covered = sum(1 for r in refs if r["covered"])
        label = frameworks[key].label if key in frameworks else key
        table = _table(
            ["Reference", "Title", "Status", "Requirements"],
            (
                [
                    escape(r["id"]),
                    escape(r["title"]),
                    "covered" if r["covered"] else "not yet",
                    escape(", ".join(r["requirements"])),
                ]
                for r in refs
            ),
        )
        parts.append(f"<h3>{escape(label)}: {covered} of {len(refs)} covered</h3>{table}")
    return "".join(parts)


def _definitions() -> str:
    return (
        '<dl class="metrics">'
        + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in DEFINITIONS)
        + "</dl>"
    )


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:g} days"
