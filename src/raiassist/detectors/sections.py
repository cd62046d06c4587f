"""Evidence `section.*`: documentation sections written in the notebook's markdown cells (or
a script's `# %% [markdown]` cells) that are actually filled in. A heading whose section
still holds placeholders is reported as incomplete, not as evidence."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from raiassist import markdown
from raiassist.document import Cell
from raiassist.scan import Context, Hit, Kind

NAMES = tuple(markdown.TOPICS)
KIND: Final = "evidence"


def on_markdown(cell: Cell, ctx: Context) -> None:
    ctx.state.setdefault("markdown-cells", []).append(cell)


def on_finish(ctx: Context) -> None:
    cells = sorted(ctx.state.get("markdown-cells", []), key=lambda c: c.index)
    if not cells:
        return
    by_index = {c.index: c for c in cells}
    for topic, kind, cell_index, line, detail in _sections(
        tuple((c.index, c.source) for c in cells)
    ):
        location = ctx.document.location(by_index[cell_index], line, 0)
        ctx.hits.append(Hit(topic, kind, location, detail))


Found = tuple[str, Kind, int, int, str]  # topic, kind, cell index, line in it, detail


@lru_cache(maxsize=64)
def _sections(cells: tuple[tuple[int, str], ...]) -> tuple[Found, ...]:
    """The sections of a document's markdown, remembered by its text: an editor scans the
    same markdown again after every edit to a code cell. The cells' lines are joined as
    `markdown.joined` joins them (a blank line after each cell), but only where each cell
    begins is kept: a heading's cell and line are worked out for the few headings found."""
    from bisect import bisect_right

    lines: list[str] = []
    starts: list[int] = []  # where each cell's lines begin in `lines`, in increasing order
    for _, text in cells:
        starts.append(len(lines))
        lines += text.splitlines()
        lines.append("")
    found: list[Found] = []
    for section in markdown.sections(lines):
        position = bisect_right(starts, section.line) - 1  # a heading is never the blank line
        cell_index, line = cells[position][0], section.line - starts[position] + 1
        if section.filled:
            detail = f"filled-in section '{section.title}'"
            found.append((section.topic, "evidence", cell_index, line, detail))
        else:
            why = (
                f"{section.placeholders} placeholder(s) left"
                if section.placeholders
                else "nothing written under it yet"
            )
            detail = f"section '{section.title}' is not filled in ({why})"
            found.append((section.topic, "incomplete", cell_index, line, detail))
    return tuple(found)
