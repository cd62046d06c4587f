"""Markdown sections that count as documentation evidence, and whether they are filled in.

A section is a heading whose text names a topic (intended uses, limitations, ...) and the text
under it, up to the next heading of the same or a higher level. It is filled in when it has
real sentences and no placeholder is left (`[TODO: ...]`, `TBD`, `[More Information Needed]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from raiassist.frozen import frozen

# A heading names a topic when it starts with it, after optional numbering and a qualifier
# ("3.1 Model limitations"): "Load the training data" or "Features and targets" do not.
_LEAD = r"^(?:[\d.]+\s*)?(?:(?:model|system|known|our|the|data|dataset|project|key)\s+)?"
TOPICS: dict[str, re.Pattern[str]] = {
    name: re.compile(_LEAD + f"(?:{pattern})", re.I)
    for name, pattern in {
        "section.intended-uses": r"intended (use|purpose)s?|primary (uses?|users)|use[- ]cases?"
        r"|purpose\b|direct use|uses\b",
        "section.limitations": r"limitations?|caveats?|known (issues|limits)|out[- ]of[- ]scope"
        r"|unsupported uses?|(bias, )?risks,? and limitations",
        "section.data-provenance": r"data(set)? (sources?|provenance|collection|card|origin)"
        r"|provenance|datasheet|training data\s*$|about the data|where the data comes from",
        "section.fairness-evaluation": r"fairness|disaggregated|sub-?group (evaluation|metrics)"
        r"|(evaluation|performance|metrics) (by|per|across) groups?|bias (evaluation|assessment"
        r"|analysis)",
        "section.release-criteria": r"(release|acceptance|success|launch|go[/ -]no[- ]go) criteria"
        r"|evaluation plan|quality (bar|targets)|performance targets",
        "section.failure-modes": r"failure modes?|predictable failures|false (positive|negative)s?"
        r"|errors? and failures|fallbacks?|rollback",
        "section.human-oversight": r"human (oversight|review|control)|human[- ]in[- ]the[- ]loop"
        r"|oversight",
        "section.monitoring": r"monitoring(?! (training|progress|the training|loss))|drift"
        r"|feedback (channels?|loop)|incident",
        "section.disclosure": r"disclosure|ai[- ]generated|transparency note|ai interaction",
    }.items()
}
# Linear time on any text (each file is untrusted): bracketed placeholders stop at the next
# bracket, so a run of unclosed `[TODO` costs one pass, not one pass per bracket.
PLACEHOLDER = re.compile(
    r"\[\s*+TODO[^\[\]]*+\]|\bTODO\b|\bTBD\b|\bFIXME\b|\[More Information Needed\]|\bXXX\b"
    r"|lorem ipsum|<\s*+(?:fill|insert|add|describe)[^<>]*+>"
    r"|\[\s*+(?:insert|fill|describe)[^\[\]]*+\]",
    re.I,
)
_HTML_HEADING = re.compile(r"^\s*+<h([1-6])[^>]*+>(.*?)</h\1>", re.I)
_WORD = re.compile(r"[A-Za-z]{2,}")
_EMPHASIS = str.maketrans("", "", "*_`")
MIN_WORDS = 6


@frozen
class Section:
    topic: str
    title: str
    line: int  # index into the lines given, 0-based
    filled: bool
    placeholders: int
    words: int


def headings(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """(line index, level, title) of every heading, outside fenced code blocks."""
    fenced = False
    for index, line in enumerate(lines):
        start = line.lstrip()[:3]
        if start in ("```", "~~~"):
            fenced = not fenced
            continue
        if fenced or not start.startswith(("#", "<")):  # most lines are prose
            continue
        found = _atx_heading(line) or _html_heading(line)
        if found:
            yield index, found[0], found[1].translate(_EMPHASIS).strip()


def _atx_heading(line: str) -> tuple[int, str] | None:
    """`## Title ##`: at most three spaces, one to six `#`, a space, the title, and optional
    closing `#`s (string methods, not a pattern: linear on any line)."""
    text = line.lstrip()
    if len(line) - len(text) > 3:
        return None
    marks = len(text) - len(text.lstrip("#"))
    rest = text[marks:]
    if not 1 <= marks <= 6 or not rest[:1].isspace():
        return None
    return marks, rest.strip().rstrip("#").rstrip()


def _html_heading(line: str) -> tuple[int, str] | None:
    match = _HTML_HEADING.match(line)
    return (int(match.group(1)), match.group(2)) if match else None


def sections(lines: list[str]) -> list[Section]:
    """Every section whose heading names a known topic, with whether it is filled in."""
    found = []
    marks = list(headings(lines))
    for (index, _, title), end in zip(marks, _ends(marks, len(lines)), strict=True):
        topic = topic_of(title)
        if topic is not None:
            found.append(_judge(topic, title, index, "\n".join(lines[index + 1 : end])))
    return found


def _ends(marks: list[tuple[int, int, str]], total: int) -> list[int]:
    """Where each heading's section ends: the next heading of the same or a higher level
    (one pass with a stack, so a file of many headings costs no more than their number)."""
    ends = [total] * len(marks)
    open_: list[int] = []  # positions in `marks` whose end is not known yet
    for position, (index, level, _) in enumerate(marks):
        while open_ and marks[open_[-1]][1] >= level:
            ends[open_.pop()] = index
        open_.append(position)
    return ends


def topic_of(title: str) -> str | None:
    return next((name for name, pattern in TOPICS.items() if pattern.search(title)), None)


def placeholders(text: str) -> int:
    return len(PLACEHOLDER.findall(without_comments(text)))


def without_comments(text: str) -> str:
    """The text without `<!-- ... -->` comments; an unclosed one is kept (as a pattern with
    a lazy `.*?` would, but in one pass, however many `<!--` there are)."""
    parts = []
    start = 0
    while (opening := text.find("<!--", start)) >= 0:
        closing = text.find("-->", opening + 4)
        if closing < 0:
            break
        parts.append(text[start:opening])
        start = closing + 3
    parts.append(text[start:])
    return "".join(parts)


def _judge(topic: str, title: str, index: int, body: str) -> Section:
    text = without_comments(body)
    holes = len(PLACEHOLDER.findall(text))
    words = len(_WORD.findall(PLACEHOLDER.sub("", text)))
    return Section(topic, title, index, holes == 0 and words >= MIN_WORDS, holes, words)


def joined(cells: Iterable[tuple[int, str]]) -> tuple[list[str], list[tuple[int, int]]]:
    """Markdown cells as one list of lines, with (cell index, line in cell) for each line."""
    lines: list[str] = []
    origin: list[tuple[int, int]] = []
    for cell_index, text in cells:
        for number, line in enumerate(text.splitlines(), start=1):
            lines.append(line)
            origin.append((cell_index, number))
        lines.append("")
        origin.append((cell_index, 0))
    return lines, origin
