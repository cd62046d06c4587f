"""Parse a code cell with `ast`, after turning IPython syntax into placeholders.

Line magics, `!shell` escapes and `?` help become `pass` (or `None` on the right of an
assignment) with the same indentation, so line numbers stay true and blocks stay valid.
Cell magics whose body is Python (`%%time`, `%%capture`, `%%writefile x.py`, ...) keep their
body; any other cell magic (`%%bash`, `%%sql`, ...) makes the cell empty, and its text is
available as `foreign_body` for the few string checks that apply to any language (an API
endpoint in a `curl` command).
"""

from __future__ import annotations

import ast
import re

from raiassist.frozen import frozen

PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun", "debug", "memit", "px", "pypy"}
# Anchored (`^`), with possessive runs (`*+`, `++`) that never give back what they took:
# linear time on any cell, however it is searched.
_STARTS_WITH_CELL_MAGIC = re.compile(r"^\s*+%%")
_FIRST_LINE_INDENTED = re.compile(r"^(?:[^\S\n]*+\n)*+[^\S\n]++\S")
_ASSIGNED_MAGIC = re.compile(r"^([\w.,\s\[\]()*]++=\s*+)[%!]")
_MAGIC_LINE = re.compile(r"^(\s*+)[%!]")


@frozen
class ParseError:
    line: int
    column: int
    message: str


def parse_cell(source: str) -> ast.Module | ParseError:
    """The cell's syntax tree, or where and why it does not parse. Most cells are plain
    Python: they are parsed as they are, and only a cell that fails is tried again with its
    IPython syntax replaced."""
    text = source
    if _STARTS_WITH_CELL_MAGIC.match(text):
        text = _cell_magic_body(text)
    if _FIRST_LINE_INDENTED.match(text):
        text = _dedent(text)
    tree = _parse(text)
    if isinstance(tree, ParseError):
        transformed = transform_magics(text)
        if transformed != text:
            return _parse(transformed)
    return tree


def _parse(text: str) -> ast.Module | ParseError:
    try:
        return ast.parse(text)
    except SyntaxError as exc:
        return ParseError(exc.lineno or 1, (exc.offset or 1), f"does not parse: {exc.msg}")
    except RecursionError:
        return ParseError(1, 1, "does not parse: nested too deeply for Python's parser")
    except (ValueError, MemoryError) as exc:
        return ParseError(1, 1, f"does not parse: {exc}")


def _cell_magic_body(source: str) -> str:
    """A cell magic's Python body (`%%time`), or blank lines for other languages (`%%bash`)."""
    lines = source.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].lstrip().startswith("%%"):
        return source
    if not _python_magic(lines[first]):
        return "\n".join("" for _ in lines)
    lines[first] = ""
    return "\n".join(lines)


def _python_magic(line: str) -> bool:
    magic = line.lstrip()[2:].split()
    if not magic:
        return False
    if magic[0] == "writefile":  # %%writefile [-a] module.py writes Python that runs later
        return magic[-1].endswith(".py")
    return magic[0] in PYTHON_CELL_MAGICS


def foreign_body(source: str) -> str | None:
    """The text of a cell in another language (`%%bash`, `%%html`, ...), or None."""
    stripped = source.lstrip()
    if not stripped.startswith("%%"):
        return None
    first, _, body = stripped.partition("\n")
    return None if _python_magic(first) else body


def _dedent(source: str) -> str:
    """IPython runs a cell whose first line is indented as if it were not; so do we."""
    first = next((line for line in source.split("\n") if line.strip()), "")
    indent = first[: len(first) - len(first.lstrip())]
    if not indent:
        return source
    return "\n".join(line.removeprefix(indent) for line in source.split("\n"))


def transform_magics(source: str) -> str:
    """The same cell with IPython-only syntax replaced by placeholders, line for line."""
    out: list[str] = []
    continued = False
    for line in source.split("\n"):
        out.append("" if continued else _placeholder(line))
        continued = line.rstrip().endswith("\\") and out[-1] != line
    return "\n".join(out)


def _placeholder(line: str) -> str:
    assigned = _ASSIGNED_MAGIC.match(line)
    if assigned:
        return f"{assigned.group(1)}None"
    magic = _MAGIC_LINE.match(line)
    if magic:
        return f"{magic.group(1)}pass"
    stripped = line.strip()
    if stripped.startswith("?") or stripped.endswith("?"):
        indent = line[: len(line) - len(line.lstrip())]
        return f"{indent}{stripped.strip('?').strip() or 'pass'}"
    return line
