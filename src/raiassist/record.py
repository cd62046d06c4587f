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
import glob
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import field
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, ClassVar, Literal, NoReturn

from raiassist.atomic import write_text
from raiassist.cache import fingerprint, remember
from raiassist.errors import Problem, UserError
from raiassist.frozen import frozen
from raiassist.standard.loading import format_loc, line_of

Answer = Literal["attested", "not-applicable", "waived"]
ANSWERS: tuple[Answer, ...] = ("attested", "not-applicable", "waived")


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


@frozen
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


@frozen
class RecordFile:
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    version: Literal[1] = 1
    entries: list[Entry] = field(default_factory=list)


@frozen
class Record:
    path: Path
    entries: tuple[Entry, ...] = ()

    def answers(self, requirement: str, path: str | None) -> list[Entry]:
        return [e for e in self.entries if e.id == requirement and e.covers(path)]


def load_record(path: Path) -> Record:
    """The record at `path`; an empty record when the file does not exist."""
    return remember("record", str(path), lambda: (fingerprint([path]), _read(path)))


def _read(path: Path) -> Record:
    text = _text(path)
    return Record(path) if text is None else Record(path, tuple(_parse(text, path.name).entries))


def _text(path: Path) -> str | None:
    """The record's text; None when there is no record yet."""
    from raiassist.safe_read import Unreadable, read_bytes

    try:
        raw = read_bytes(path)
    except Unreadable as exc:
        if exc.missing:
            return None
        raise UserError([Problem(path.name, f"cannot read the record: {exc.reason}")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError([Problem(path.name, f"not UTF-8 text (byte {exc.start})")]) from None


def _parse(text: str, name: str) -> RecordFile:
    from raiassist.safe_read import load_yaml

    return _validated(load_yaml(text, name), text, name)


def _validated(data: Any, text: str, name: str) -> RecordFile:
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
    """Record an answer: it replaces every earlier answer for the same requirement and scope
    (the record keeps one per id and scope, so answering again changes the answer). A record
    that is a link is edited (and locked) where it points; a folder, a dangling link, a
    read-only record or a missing folder is refused. Temporary files left by a writer that
    was killed before its rename are removed."""
    from raiassist.record_edit import with_entry, without_entries

    def change(text: str, before: Any, current: RecordFile) -> str | None:
        same = _matching(current, entry.id, entry.scope)
        text = with_entry(text, before, entry.as_dict(), next(iter(same), None), path.name)
        return without_entries(text, _reparsed(text, path.name), same[1:], path.name)

    _edit(path, change)


def remove_entries(path: Path, requirement: str, scope: str) -> int:
    """Withdraw the answers to `requirement` for `scope`; how many were removed (0 leaves
    the record as it was)."""
    from raiassist.record_edit import without_entries

    removed = 0

    def change(text: str, before: Any, current: RecordFile) -> str | None:
        nonlocal removed
        same = _matching(current, requirement, scope)
        removed = len(same)
        return without_entries(text, before, same, path.name) if same else None

    _edit(path, change, create=False)
    return removed


def move_scope(path: Path, old: str, new: str) -> int:
    """Point every answer scoped to the path `old` at `new` instead (after a file was renamed
    or moved); how many answers were moved. An answer `new` already has for the same
    requirement is kept, and the old one dropped, so one answer per id and scope stays; of
    several for one id at `old`, the last (the one that counts) moves."""
    from raiassist.record_edit import with_entry, without_entries

    moved = 0

    def change(text: str, before: Any, current: RecordFile) -> str | None:
        nonlocal moved
        taken = {e.id for e in current.entries if e.scope == new}
        last = {e.id: i for i, e in enumerate(current.entries) if e.scope == old}
        doubles = []
        for index, entry in enumerate(current.entries):
            if entry.scope != old:
                continue
            if entry.id in taken or last[entry.id] != index:  # the answer that counts moves
                doubles.append(index)
                continue
            moved += 1
            data = {**entry.as_dict(), "scope": new}
            text = with_entry(text, before, data, index, path.name)
            before = _reparsed(text, path.name)
        return without_entries(text, before, doubles, path.name) if moved or doubles else None

    _edit(path, change, create=False)
    return moved


def _matching(record: RecordFile, requirement: str, scope: str) -> list[int]:
    return [i for i, e in enumerate(record.entries) if (e.id, e.scope) == (requirement, scope)]


def _reparsed(text: str, name: str) -> Any:
    from raiassist.safe_read import load_yaml

    return load_yaml(text, name)


def _edit(
    path: Path, change: Callable[[str, Any, RecordFile], str | None], create: bool = True
) -> None:
    """Under the record's lock: read it, let `change` edit its text (None: nothing to
    change), and swap the result in atomically."""
    target, name = _writable(path), path.name
    with _locked(target.parent):
        _remove_leftovers(target)
        text = _text(target)
        if text is None and not create:
            return
        text = HEADER if text is None else text
        before = _reparsed(text, name)
        edited = change(text, before, _validated(before, text, name))
        if edited is not None and edited != text:
            write_text(target, edited)


def _writable(path: Path) -> Path:
    """Where an answer to the record at `path` is written (a link's target), or UserError
    saying why it cannot be."""
    from raiassist.safe_read import real

    target = real(path)
    name = path.name
    if path.is_symlink() and not target.exists():
        _refuse_write(name, f"is a link to {target}, which does not exist")
    if target.is_dir():
        _refuse_write(name, "is a folder; the record must be a file")
    if target.exists() and not target.is_file():
        _refuse_write(name, "is not a regular file")
    if not target.parent.is_dir():
        _refuse_write(name, f"its folder {target.parent} does not exist; create it first")
    if target.exists() and not _write_allowed(target):
        _refuse_write(name, "is read-only; make it writable to record answers")
    return target


def _write_allowed(path: Path) -> bool:
    """Whether the file may be changed: a write permission bit is set and the process may
    use it (root may write anything, but a file nobody may write is meant to stay as is)."""
    return bool(path.stat().st_mode & 0o222) and os.access(path, os.W_OK)


def _refuse_write(name: str, why: str) -> NoReturn:
    raise UserError([Problem(name, f"{why}; nothing was written")])


def _remove_leftovers(target: Path) -> None:
    """Temporary files of `atomic.write_text` for this record, left by a writer killed
    between writing and renaming (the lock is held: no writer is using one now)."""
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)


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


@frozen
class Answerer:
    """Who an answer will be recorded as, and where that name came from (every surface shows
    it before the person answers)."""

    name: str
    source: Literal["git", "setting", "system"]


def who(root: Path | None = None, setting: str | None = None) -> Answerer:
    """The person answering: git's user.name and user.email (as git sees them in the project),
    else the name set in raiassist's settings (`answerer`, or the editor's), else the login
    name of the operating system's user."""
    from raiassist import git

    def config(key: str) -> str:
        try:
            found = git.run(["config", key], cwd=root, timeout=5)
        except git.GitFailed:
            return ""
        return found.decode("utf-8", "replace").strip()

    name, email = config("user.name"), config("user.email")
    if name:
        return Answerer(f"{name} <{email}>" if email else name, "git")
    if setting and setting.strip():
        return Answerer(setting.strip(), "setting")
    return Answerer(_login(), "system")


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no USER variable and no passwd entry (a bare container)
        return "unknown"
