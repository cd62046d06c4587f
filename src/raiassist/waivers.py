"""Inline waivers: `# rai: waive F1.5 -- evaluated per group in eval.ipynb`.

A waiver names one or more requirement IDs, optionally an expiry (`until 2027-03-31`), and
must give a reason after `--`. It covers its own line and, when it stands alone on a line,
the next line; for requirements reported per file, anywhere in the file.
"""

from __future__ import annotations

import re
from datetime import date

from raiassist.document import Cell, Document, Location
from raiassist.frozen import frozen

# Linear time on any line: runs are possessive, an ID or date stops before `--`, and the
# reason runs to the end of the line (its spaces are stripped afterwards).
_ID = r"[A-Za-z](?:[\w.]|-(?!-))*+"
_WAIVER = re.compile(
    rf"#\s*+rai:\s*+waive\s++(?P<ids>{_ID}(?:\s*+,\s*+{_ID})*+)"
    r"(?:\s++until\s++(?P<until>(?:[^\s-]|-(?!-))++))?\s*+(?:--(?P<reason>.*))?$"
)


@frozen
class Waiver:
    ids: tuple[str, ...]
    reason: str
    until: date | None
    location: Location
    own_line: bool
    problem: str | None = None

    def covers(self, location: Location | None) -> bool:
        """Whether this waiver sits at (or just above) `location`; None means file-wide."""
        if location is None:
            return True
        if location.cell != self.location.cell:
            return False
        lines = (
            {self.location.line, self.location.line + 1} if self.own_line else {self.location.line}
        )
        return location.line in lines

    def expired(self, today: date) -> bool:
        return self.until is not None and self.until < today


def waivers_in(cell: Cell, document: Document) -> list[Waiver]:
    """Every waiver comment in a code cell."""
    if "rai:" not in cell.source:
        return []
    found = []
    for number, line in enumerate(cell.source.splitlines(), start=1):
        match = _WAIVER.search(line)
        if match:
            location = document.location(cell, number, match.start())
            found.append(_waiver(match, location, line[: match.start()].strip() == ""))
    return found


def _waiver(match: re.Match[str], location: Location, own_line: bool) -> Waiver:
    ids = tuple(i.strip().upper() for i in match.group("ids").split(","))
    reason = (match.group("reason") or "").strip()
    placeholder = reason.startswith("<") and reason.endswith(">")
    if placeholder:
        reason = ""  # the placeholder an editor inserts, not yet replaced
    until, problem = None, None
    if match.group("until"):
        try:
            until = date.fromisoformat(match.group("until"))
        except ValueError:
            problem = f"waiver date '{match.group('until')}' is not YYYY-MM-DD"
    if placeholder:
        problem = (
            f"replace {match.group('reason').strip()} with why {', '.join(ids)} is waived here; "
            "until then the waiver does not count"
        )
    elif not reason:
        problem = "waiver needs a reason after '--', e.g. '# rai: waive F1.5 -- why'"
    return Waiver(ids, reason, until, location, own_line, problem)
