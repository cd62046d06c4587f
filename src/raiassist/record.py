"""The project's record: people's answers to requirements, in one reviewable YAML file at the
project root (`responsible-ai.yaml` unless configured otherwise).

Each entry attests a requirement as met (with a note), marks it not applicable or waives it
(with a reason), for the whole project or one path, with who, when and an optional expiry.
Writes take a lock, edit only the lines of the entry they add or replace, and swap the file
in atomically, so comments and every other byte stay as they were.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, ClassVar, Literal

from raiassist.atomic import write_text
from raiassist.cache import fingerprint, remember
from raiassist.errors import Problem, UserError
from raiassist.standard.loading import format_loc, line_of

Answer = Literal["attested", "not-applicable", "waived"]


class _Pattern:
    """A regex constraint pydantic applies when it validates the field (and nothing else does)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(pattern=self.pattern)


HEADER = """\
# Responsible AI record: people's answers to requirements that code alone cannot settle.
# Written by `raiassist attest | na | waive` (and the editor and notebook surfaces); review
# changes to it like code. Each entry: id, answer (attested | not-applicable | waived),
# scope ('project' or a path relative to this file), note or reason, by, date, expires.
version: 1
entries:
"""


@dataclass(frozen=True)
class Entry:
    """One answer: a requirement attested as met, not applicable, or waived."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    id: Annotated[str, _Pattern(r"^[A-Z][A-Z0-9-]*[0-9](\.[0-9]+)*$")]
    answer: Answer
    by: str
    date: dt.date
    scope: str = "project"
    note: str | None = None
    reason: str | None = None
    expires: dt.date | None = None

    def __post_init__(self) -> None:
        if not self.by.strip():
            raise ValueError("'by' must name who answered")
        if self.answer == "attested" and not (self.note or "").strip():
            raise ValueError("an attestation needs a note saying what shows it is met")
        if self.answer != "attested" and not (self.reason or "").strip():
            raise ValueError(f"an answer '{self.answer}' needs a reason")

    @property
    def text(self) -> str:
        return (self.note if self.answer == "attested" else self.reason) or ""

    def covers(self, path: str | None) -> bool:
        """Whether the entry applies to a file (relative to the project); None: the project."""
        if self.scope == "project":
            return True
        if path is None:
            return False
        scope = self.scope.rstrip("/")
        return path == scope or PurePosixPath(path).is_relative_to(scope)

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def as_dict(self) -> dict[str, Any]:
        """The entry as written in the file, in a fixed key order, empty keys left out."""
        order = ("id", "answer", "scope", "note", "reason", "by", "date", "expires")
        data = {key: getattr(self, key) for key in order}
        return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True)
class RecordFile:
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    version: Literal[1] = 1
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Record:
    path: Path
    entries: tuple[Entry, ...] = ()

    def answers(self, requirement: str, path: str | None) -> list[Entry]:
        return [e for e in self.entries if e.id == requirement and e.covers(path)]


def load_record(path: Path) -> Record:
    """The record at `path`; an empty record when the file does not exist."""
    return remember("record", str(path), lambda: (fingerprint([path]), _read(path)))


def _read(path: Path) -> Record:
    from raiassist.safe_read import Unreadable, read_bytes

    try:
        raw = read_bytes(path)
    except Unreadable as exc:
        if exc.missing:
            return Record(path)
        raise UserError([Problem(path.name, f"cannot read the record: {exc.reason}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError([Problem(path.name, f"not UTF-8 text (byte {exc.start})")]) from None
    return Record(path, tuple(_parse(text, path.name).entries))


def _parse(text: str, name: str) -> RecordFile:
    from raiassist.safe_read import load_yaml

    data = load_yaml(text, name)
    import pydantic

    try:
        if isinstance(data, dict) and data.get("entries") is None:
            data = {**data, "entries": []}
        record: RecordFile = pydantic.TypeAdapter(RecordFile).validate_python(data or {})
        return record
    except pydantic.ValidationError as exc:
        problems = [
            Problem(
                name,
                e["msg"].removeprefix("Value error, "),
                path=format_loc(e["loc"]),
                line=line_of(text, e["loc"]),
            )
            for e in exc.errors()
        ]
        raise UserError(problems) from None


def add_entry(path: Path, entry: Entry) -> None:
    """Add an entry, or replace the one with the same id, scope and answer kind."""
    with _locked(path.parent):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = HEADER
        current = _parse(text, path.name)
        write_text(path, _with_entry(text, current, entry))


def _with_entry(text: str, current: RecordFile, entry: Entry) -> str:
    import yaml

    block = _entry_text(entry)
    key, entries = _entries_node(yaml.compose(text))
    lines = text.splitlines(keepends=True)
    if key is None:  # no `entries:` key yet
        return text + ("" if text.endswith("\n") or not text else "\n") + "entries:\n" + block
    if not isinstance(entries, yaml.SequenceNode) or entries.flow_style:  # `entries:` or `[]`
        row = key.start_mark.line
        lines[row] = lines[row][: key.end_mark.column].rstrip() + ":\n"
        lines.insert(row + 1, block)
        return "".join(lines)
    for index, old in enumerate(current.entries):
        if (old.id, old.scope, old.answer) == (entry.id, entry.scope, entry.answer):
            item = entries.value[index]
            start, end = item.start_mark.line, _end_line(item, lines)
            return "".join([*lines[:start], block, *lines[end:]])
    if entries.value:
        end = _end_line(entries.value[-1], lines)
        return "".join([*lines[:end], block, *lines[end:]])
    tail = "" if text.endswith("\n") else "\n"
    return text + tail + block


def _entries_node(node: Any) -> tuple[Any, Any]:
    """The `entries` key node and its value node, or (None, None)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None, None
    return next(((k, v) for k, v in node.value if k.value == "entries"), (None, None))


def _end_line(item: Any, lines: list[str]) -> int:
    """The line after an entry's own last line. YAML end marks point at the next token, so
    blank lines and comments standing at or left of the entry's dash are not the entry's."""
    mark = item.end_mark
    ended_mid_line = mark.line < len(lines) and lines[mark.line][: mark.column].strip()
    end: int = mark.line + (1 if ended_mid_line else 0)
    dash = item.start_mark.column - 2
    while end > item.start_mark.line + 1:
        line = lines[end - 1]
        indent = len(line) - len(line.lstrip())
        if line.strip() and not (line.lstrip().startswith("#") and indent <= dash):
            break
        end -= 1
    return end


def _entry_text(entry: Entry) -> str:
    import yaml

    data = entry.as_dict()
    dumped = yaml.safe_dump([data], sort_keys=False, allow_unicode=True, width=88)
    return "".join(f"  {line}" for line in dumped.splitlines(keepends=True))


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder, so concurrent writers do not lose each other's work."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def who() -> str:
    """The person answering: git's user.name and user.email, else the login name."""
    import subprocess

    def git(key: str) -> str:
        try:
            out = subprocess.run(
                ["git", "config", key], capture_output=True, text=True, timeout=5, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return out.stdout.strip()

    name, email = git("user.name"), git("user.email")
    if name:
        return f"{name} <{email}>" if email else name
    return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"
