"""Charts as inline SVG, drawn without any library or network: stacked status bars, a
single status breakdown, and a trend line."""

from __future__ import annotations

from html import escape
from typing import Any

COLOURS = {"met": "#2e7d32", "open": "#c62828", "waived": "#f9a825", "not-applicable": "#90a4ae"}
LABELS = {"met": "met", "open": "open", "waived": "waived", "not-applicable": "not applicable"}


def status_bars(rows: list[dict[str, Any]], label_width: int = 260, width: int = 720) -> str:
    """One horizontal bar per row (goal or principle): its requirements by status."""
    shown = [r for r in rows if r["applicable"]]
    bar_width, height = width - label_width - 60, 22
    parts = []
    for i, row in enumerate(shown):
        y = i * (height + 8)
        parts.append(
            f'<text x="0" y="{y + 15}" class="label">{escape(row["id"])} '
            f"{escape(_short(row['title'], 34))}</text>"
        )
        x = float(label_width)
        for status, colour in COLOURS.items():
            share = row[status] / row["applicable"] * bar_width
            if share:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{share:.1f}" height="{height}" '
                    f'fill="{colour}" data-status="{status}"><title>{row[status]} '
                    f"{LABELS[status]}</title></rect>"
                )
            x += share
        coverage = row.get("coverage")
        text = "–" if coverage is None else f"{coverage:.0%}"
        parts.append(
            f'<text x="{label_width + bar_width + 8}" y="{y + 15}" class="value">{text}</text>'
        )
    total = max(len(shown) * (height + 8), height)
    return _svg(width, total, "".join(parts), "Requirements by status")


def breakdown(counts: dict[str, int], width: int = 720) -> str:
    """The project's requirements by status, as one bar with a legend."""
    total = sum(counts[s] for s in COLOURS) or 1
    x, parts = 0.0, []
    for status, colour in COLOURS.items():
        share = counts[status] / total * width
        if share:
            parts.append(
                f'<rect x="{x:.1f}" y="0" width="{share:.1f}" height="28" '
                f'fill="{colour}" data-status="{status}"/>'
            )
        x += share
    for i, (status, colour) in enumerate(COLOURS.items()):
        lx = i * 180
        parts.append(
            f'<rect x="{lx}" y="40" width="12" height="12" fill="{colour}"/>'
            f'<text x="{lx + 18}" y="51" class="label">{LABELS[status]}: '
            f"{counts[status]}</text>"
        )
    return _svg(width, 60, "".join(parts), "Status breakdown")


def trend(samples: list[dict[str, Any]], width: int = 720, height: int = 220) -> str:
    """Coverage (green, left axis 0–100 %) and open errors (red, right axis) per sample."""
    points = [s for s in samples if s.get("coverage") is not None]
    if len(points) < 2:
        return "<p>Not enough history for a trend (at least two weekly samples are needed).</p>"
    left, right, top, bottom = 40, width - 40, 10, height - 30
    step = (right - left) / (len(points) - 1)
    most = max(max(p["open_errors"] for p in points), 1)
    cov = " ".join(
        f"{left + i * step:.1f},{bottom - p['coverage'] * (bottom - top):.1f}"
        for i, p in enumerate(points)
    )
    err = " ".join(
        f"{left + i * step:.1f},{bottom - p['open_errors'] / most * (bottom - top):.1f}"
        for i, p in enumerate(points)
    )
    labels = "".join(
        f'<text x="{left + i * step:.1f}" y="{height - 8}" class="tick" '
        f'text-anchor="middle">{escape(p["date"][5:])}</text>'
        for i, p in enumerate(points)
        if i % max(len(points) // 8, 1) == 0
    )
    body = (
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" class="axis"/>'
        f'<text x="0" y="{top + 10}" class="tick">100%</text>'
        f'<text x="{right + 4}" y="{top + 10}" class="tick">{most}</text>'
        f'<polyline points="{cov}" fill="none" stroke="{COLOURS["met"]}" stroke-width="3" '
        f'data-series="coverage"/>'
        f'<polyline points="{err}" fill="none" stroke="{COLOURS["open"]}" stroke-width="3" '
        f'stroke-dasharray="6 4" data-series="open-errors"/>{labels}'
    )
    return _svg(width, height, body, "Coverage and open errors over time")


def _svg(width: int, height: int, body: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
