"""What a person should do now, in order: the one ordering every surface renders (the CLI
checklist, the VS Code tree, the JupyterLab panel, the kernel companion's widget).

1. open errors, then open warnings, that sit at a place in the code, by cell and line;
2. open errors, then warnings, about the file as a whole;
3. open errors and warnings about the project's process, one collapsed group per goal;
4. open info items, one collapsed group with their number;
5. what is settled (met, waived, not applicable), collapsed.

"To act on" is the number of open errors and warnings: the figure status bars and headings
show, so that 56 info items never read as 56 things to fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from raiassist.evaluate import Finding
from raiassist.frozen import frozen

Kind = Literal["code", "file", "process", "info", "done"]
ACTING = ("error", "warning")
_RANK = {"error": 0, "warning": 1, "info": 2}


@frozen
class Section:
    kind: Kind
    title: str
    findings: tuple[Finding, ...]
    collapsed: bool
    goal: str | None = None  # for a process section: its goal


def next_actions(
    findings: Iterable[Finding], goal_titles: Mapping[str, str] | None = None
) -> tuple[Section, ...]:
    """The requirement findings in the order a person should act on them, in sections; empty
    sections are left out. `goal_titles` (id to title) names the process groups."""
    titles = goal_titles or {}
    requirements = [f for f in findings if f.kind == "requirement"]
    acting = [f for f in requirements if f.status == "open" and f.severity in ACTING]
    code = sorted((f for f in acting if f.scope == "code"), key=_place)
    whole = sorted((f for f in acting if f.scope == "file"), key=lambda f: _RANK[f.severity])
    process = [f for f in acting if f.scope not in ("code", "file")]
    info = [f for f in requirements if f.status == "open" and f.severity not in ACTING]
    done = [f for f in requirements if f.status != "open"]
    sections = [
        Section("code", "Fix in the code", tuple(code), False),
        Section("file", "For this file", tuple(whole), False),
    ]
    goals: dict[str, list[Finding]] = {}
    for finding in process:
        goals.setdefault(finding.goal, []).append(finding)
    for goal, mine in goals.items():
        mine.sort(key=lambda f: _RANK[f.severity])
        title = f"{goal} {titles[goal]}" if goal in titles else goal or "Process"
        sections.append(Section("process", title, tuple(mine), True, goal))
    sections += [
        Section("info", f"{len(info)} more to consider (info)", tuple(info), True),
        Section("done", f"{len(done)} settled (met, waived, not applicable)", tuple(done), True),
    ]
    return tuple(s for s in sections if s.findings)


def to_act(findings: Iterable[Finding]) -> int:
    """How many requirements are open at error or warning severity."""
    return sum(
        1
        for f in findings
        if f.kind == "requirement" and f.status == "open" and f.severity in ACTING
    )


def _place(finding: Finding) -> tuple[int, int, int, int]:
    where = finding.location
    if where is None:
        return (_RANK[finding.severity], 1 << 30, 0, 0)
    return (_RANK[finding.severity], where.cell or 0, where.line, where.column)
