""" "Seen in this kernel", summarised for a person: the most informative observations first
(runtime evidence, the fitted model, metrics, then sensitive columns, then the frames), and
a column that several frames share (`df`, `X`, `X_train`, `X_test` all have `sex`) said
once, so that the fitted model and the metric never drown under repeated column lines."""

from __future__ import annotations

from collections.abc import Iterable

from raiassist.kernel.observe import Observation

_RANK = {
    "trains-model": 1,
    "aggregate-metrics": 2,
    "sensitive-attribute": 3,
    "proxy-attribute": 4,
    "personal-data": 5,
    "loads-tabular-data": 6,
}
MAX_NAMES = 3  # frames named on one line; the rest are counted


def seen_lines(observations: Iterable[Observation]) -> list[str]:
    """One line per distinct thing seen, most informative first."""
    columns: dict[tuple[str, str], list[Observation]] = {}
    frames: list[str] = []
    lines: list[tuple[int, str]] = []
    details: set[str] = set()
    for seen in observations:
        if seen.name == "loads-tabular-data":
            frames.append(seen.variable or seen.subject)
        elif seen.variable and seen.category:
            columns.setdefault((seen.name, seen.subject), []).append(seen)
        elif seen.detail not in details:
            details.add(seen.detail)
            lines.append((0 if seen.kind == "evidence" else _RANK.get(seen.name, 7), seen.detail))
    for (name, column), found in columns.items():
        frame = "DataFrame" if len(found) == 1 else "DataFrames"
        where = f"{frame} {_names(o.variable for o in found)}"
        lines.append((_RANK[name], f"column '{column}' ({found[0].category}) in {where}"))
    if frames:
        lines.append((_RANK["loads-tabular-data"], f"DataFrames: {_names(frames)}"))
    return [line for _, line in sorted(lines, key=lambda pair: pair[0])]


def _names(names: Iterable[str]) -> str:
    unique = list(dict.fromkeys(names))
    shown = ", ".join(unique[:MAX_NAMES])
    more = len(unique) - MAX_NAMES
    return f"{shown} and {more} more" if more > 0 else shown
