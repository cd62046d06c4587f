"""Markdown sections that count as documentation evidence, and whether they are filled in.

A section is a heading whose text names a topic (intended uses, limitations, ...) and the text
under it, up to the next heading of the same or a higher level. It is filled in when it has
real sentences and no placeholder is left (`[TODO: ...]`, `TBD`, `[More Information Needed]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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
PLACEHOLDER = re.compile(
    r"\[\s*TODO[^\]]*\]|\bTODO\b|\bTBD\b|\bFIXME\b|\[More Information Needed\]|\bXXX\b"
    r"|lorem ipsum|<\s*(fill|insert|add|describe)[^>]*>|\[\s*(insert|fill|describe)[^\]]*\]",
    re.I,
)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML_HEADING = re.compile(r"^\s*<h([1-6])[^>]*>(.*?)</h\1>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_WORD = re.compile(r"[A-Za-z]{2,}")
MIN_WORDS = 6


@dataclass(frozen=True)
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
        match = _HEADING.match(line) or _HTML_HEADING.match(line)
        if match:
            marks = match.group(1)
            level = len(marks) if marks.startswith("#") else int(marks)
            yield index, level, re.sub(r"[*_`]", "", match.group(2)).strip()


def sections(lines: list[str]) -> list[Section]:
    """Every section whose heading names a known topic, with whether it is filled in."""
    found = []
    marks = list(headings(lines))
    for position, (index, level, title) in enumerate(marks):
        topic = topic_of(title)
        if topic is None:
            continue
        end = next((i for i, lv, _ in marks[position + 1 :] if lv <= level), len(lines))
        body = "\n".join(lines[index + 1 : end])
        found.append(_judge(topic, title, index, body))
    return found


def topic_of(title: str) -> str | None:
    return next((name for name, pattern in TOPICS.items() if pattern.search(title)), None)


def placeholders(text: str) -> int:
    return len(PLACEHOLDER.findall(_COMMENT.sub("", text)))


def _judge(topic: str, title: str, index: int, body: str) -> Section:
    text = _COMMENT.sub("", body)
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
