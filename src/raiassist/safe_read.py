"""Reading input that may be hostile: only regular files, at most `MAX_INPUT_BYTES`, and YAML
whose nesting and aliases are bounded.

Every file raiassist reads enters here (documents, packs, catalogues, the record, the
configuration, project documents, merged reports), and in-memory input (HTTP bodies, editor
buffers) is held to the same limit, so one limit and one set of messages hold everywhere. A
FIFO, a device or a socket is never opened for reading, so nothing waits on it.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path
from typing import Any

from raiassist.errors import Problem, UserError

MAX_INPUT_BYTES = 32 * 2**20
MAX_YAML_DEPTH = 64  # nested mappings and lists, aliases expanded
MAX_YAML_VALUES = 200_000  # values in a YAML file once its aliases are expanded
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class Unreadable(Exception):
    """Why a file cannot be read, in words for the user; `missing` when it does not exist,
    `special` when it is a FIFO, a device or a socket (something to skip, not an error)."""

    def __init__(self, reason: str, missing: bool = False, special: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing
        self.special = special


def too_large() -> str:
    """The one message for input over the limit, wherever it arrives."""
    return f"larger than {MAX_INPUT_BYTES // 2**20} MB, raiassist's limit for any input"


def over_limit(size: int) -> bool:
    return size > MAX_INPUT_BYTES


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file. Raises Unreadable for a missing file, a folder, a FIFO,
    a device or a socket (none of which is opened), a symbolic-link loop, or a file over
    the limit."""
    try:
        _check_kind(path.stat().st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise Unreadable("No such file or directory", missing=True) from None
    except OSError as exc:
        raise Unreadable(_reason(exc)) from None
    try:
        info = os.fstat(fd)
        _check_kind(info.st_mode)  # it may have been swapped since the first look
        if over_limit(info.st_size):
            raise Unreadable(too_large())
        data = _read_at_most(fd, MAX_INPUT_BYTES + 1, info.st_size)
    except OSError as exc:
        raise Unreadable(_reason(exc)) from None
    finally:
        os.close(fd)
    if over_limit(len(data)):
        raise Unreadable(too_large())
    return data


def read_text(path: Path, display: str, what: str = "file") -> str:
    """A regular file's UTF-8 text, or UserError naming `display` and what is wrong."""
    try:
        raw = read_bytes(path)
    except Unreadable as exc:
        message = f"{what} not found" if exc.missing else f"cannot read the {what}: {exc.reason}"
        raise UserError([Problem(display, message)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"cannot read the {what}: not UTF-8 text (byte {exc.start})"
        raise UserError([Problem(display, message)]) from None


def load_yaml(source: Path | str, display: str) -> Any:
    """Parsed YAML from a file (read as `read_text` does) or from text, with the safe loader.
    Refuses, as UserError naming `display` and the line: text that is not YAML, input over
    the size limit, nesting deeper than MAX_YAML_DEPTH, and aliases that expand to more
    than MAX_YAML_VALUES values (an alias bomb)."""
    import yaml

    text = read_text(source, display) if isinstance(source, Path) else source
    if over_limit(len(text)):
        raise UserError([Problem(display, too_large())])
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        _check_shape(yaml.parse(text, Loader=loader), display)
        return yaml.load(text, Loader=_dated(loader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or "cannot be parsed"
        raise UserError([Problem(display, f"not valid YAML: {reason}", line=line)]) from None


@functools.cache
def _dated(loader: Any) -> Any:
    """`loader` whose dates that look like dates but are none (`2026-11-31`) are refused as
    a YAML error at their line; PyYAML's own constructor raises a bare ValueError there,
    which would reach the user as a crash."""
    import yaml

    def timestamp(self: Any, node: Any) -> Any:
        try:
            return loader.construct_yaml_timestamp(self, node)
        except ValueError as exc:
            problem = f"not a valid date ({exc})"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None

    dated: Any = type("DatedLoader", (loader,), {})
    dated.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return dated


def _check_shape(events: Any, display: str) -> None:
    """Walk the parser's events (no tree is built) and refuse what would be too deep or too
    big once aliases are expanded."""
    import yaml

    sizes: dict[str, tuple[int, int]] = {}  # anchor -> (values, depth) of its node
    stack: list[tuple[str | None, int, int]] = []  # open collections: anchor, values, deepest
    values = 0
    for event in events:
        depth = len(stack)
        if isinstance(event, yaml.AliasEvent):
            count, height = sizes.get(event.anchor or "", (1, 0))
            values, reached = values + count, depth + height
        elif isinstance(event, yaml.ScalarEvent):
            values, reached = values + 1, depth
            if event.anchor:
                sizes[event.anchor] = (1, 0)
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append((event.anchor, values, depth + 1))
            values, reached = values + 1, depth + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, start, deepest = stack.pop()
            if anchor:
                sizes[anchor] = (values - start, deepest - depth + 1)
            reached = deepest
        else:
            continue
        if stack:
            anchor, start, deepest = stack[-1]
            stack[-1] = (anchor, start, max(deepest, reached))
        _check_limits(values, reached, event, display)


def _check_limits(values: int, depth: int, event: Any, display: str) -> None:
    line = event.start_mark.line + 1 if event.start_mark else None
    if depth > MAX_YAML_DEPTH:
        message = f"nested more than {MAX_YAML_DEPTH} levels deep (aliases expanded)"
        raise UserError([Problem(display, message, line=line)])
    if values > MAX_YAML_VALUES:
        message = (
            f"holds more than {MAX_YAML_VALUES} values once its aliases (*name) are expanded; "
            "repeat fewer values through aliases"
        )
        raise UserError([Problem(display, message, line=line)])


def _check_kind(mode: int) -> None:
    for test, kind in _KINDS:
        if test(mode):
            raise Unreadable(f"{kind}, not a regular file", special=not stat.S_ISDIR(mode))


def _read_at_most(fd: int, limit: int, expected: int = 0) -> bytes:
    """At most `limit` bytes, asked for in one read of the `expected` size (and one byte
    more, to see the end) before chunks of 1 MB: a read allocates what it asks for, and a
    megabyte for every small notebook of a batch cost more than reading them."""
    chunks: list[bytes] = []
    left = limit
    ask = min(expected + 1, limit) if expected > 0 else 1 << 20
    while left > 0:
        chunk = os.read(fd, min(left, ask))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        ask = 1 << 20
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "its symbolic links form a loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def real(path: Path) -> Path:
    """`path` with every symbolic link resolved, as far as they go: unlike `Path.resolve`,
    a loop of links is no error (the looping part is kept as written)."""
    return Path(os.path.realpath(path))
