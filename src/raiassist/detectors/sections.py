"""Evidence `section.*`: documentation sections written in the notebook's markdown cells (or
a script's `# %% [markdown]` cells) that are actually filled in. A heading whose section
still holds placeholders is reported as incomplete, not as evidence."""

from __future__ import annotations

from typing import Final

from raiassist import markdown
from raiassist.document import Cell
from raiassist.scan import Context, Hit

NAMES = tuple(markdown.TOPICS)
KIND: Final = "evidence"


def on_markdown(cell: Cell, ctx: Context) -> None:
    ctx.state.setdefault("markdown-cells", []).append(cell)


def on_finish(ctx: Context) -> None:
    cells = sorted(ctx.state.get("markdown-cells", []), key=lambda c: c.index)
    if not cells:
        return
    lines, origin = markdown.joined((c.index, c.source) for c in cells)
    by_index = {c.index: c for c in cells}
    for section in markdown.sections(lines):
        cell_index, line = origin[section.line]
        location = ctx.document.location(by_index[cell_index], line, 0)
        if section.filled:
            detail = f"filled-in section '{section.title}'"
            ctx.hits.append(Hit(section.topic, "evidence", location, detail))
        else:
            why = (
                f"{section.placeholders} placeholder(s) left"
                if section.placeholders
                else "nothing written under it yet"
            )
            detail = f"section '{section.title}' is not filled in ({why})"
            ctx.hits.append(Hit(section.topic, "incomplete", location, detail))
