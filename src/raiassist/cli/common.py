"""Options and loading shared by verbs."""

from __future__ import annotations

import argparse
import stat
from pathlib import Path
from typing import Any

from raiassist.config import Config, load_config
from raiassist.errors import Problem, UserError
from raiassist.standard import Standard, load_standard

Subparsers = Any  # argparse's _SubParsersAction is private


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack",
        action="append",
        dest="packs",
        metavar="PACK",
        help="use this pack (a built-in id or a YAML path) instead of the configured ones; "
        "repeat for several",
    )


def project(args: argparse.Namespace, start: Path | None = None) -> tuple[Config, Standard]:
    """The project's configuration (with command-line packs laid over it) and its Standard."""
    config = load_config(start)
    base = config.root
    if getattr(args, "packs", None):
        config = config.with_overrides({"packs": args.packs})
        base = Path.cwd()
    return config, load_standard(config.settings.packs, base, config.catalogue_paths)


def write_output(target: str | Path, text: str | bytes) -> None:
    """Write a report the user asked for (`-o FILE`): atomically, as valid UTF-8 (bytes are
    written as they are: a reporter that gives bytes gives UTF-8), and with a clear exit-2
    message when the place cannot take it (a folder, a missing folder, no permission)
    instead of a crash."""
    from raiassist.atomic import write_bytes
    from raiassist.printable import printable, utf8_bytes

    shown = printable(str(target))
    if Path(target).is_dir():
        raise UserError([Problem(shown, "is a folder; name a file to write the report to")])
    try:
        write_bytes(target, text if isinstance(text, bytes) else utf8_bytes(text))
    except OSError as exc:
        raise UserError([Problem(shown, f"cannot write: {exc.strerror or exc}")]) from None


def refuse_overwriting(output: str | Path, inputs: list[Path], what: str) -> None:
    """UserError when writing `output` would replace one of `inputs` (or, for folders, a
    file of theirs that raiassist reads). An input is compared by its device and inode, and
    by its real path only when it is a folder or cannot be read: pre-commit passes every
    changed file, and resolving each through its links costs more than the check."""
    from raiassist.discovery import SUFFIXES
    from raiassist.printable import printable
    from raiassist.safe_read import real

    target = real(Path(output))
    try:
        written = target.stat()
        same: tuple[int, int] | None = (written.st_dev, written.st_ino)
    except OSError:
        same = None
    for path in inputs:
        try:
            info = Path(path).stat()
        except OSError:
            info = None
        if info is not None and not stat.S_ISDIR(info.st_mode):
            replaced = same == (info.st_dev, info.st_ino)
        else:
            named = real(path)
            inside = named.is_dir() and target.is_relative_to(named) and target.suffix in SUFFIXES
            replaced = target == named or inside
        if replaced:
            message = f"is {what}; writing the report there would replace it; name another file"
            raise UserError([Problem(printable(str(output)), message)])


def wrap(text: str, indent: str = "  ") -> str:
    """Wrap paragraphs and `- ` bullets to the terminal's width."""
    import shutil  # here, not above: `check` wraps nothing and pays for neither
    import textwrap

    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    lines = []
    for line in text.splitlines():
        bullet = line.startswith("- ")
        lines.append(
            textwrap.fill(
                line,
                width,
                initial_indent=indent,
                subsequent_indent=indent + ("  " if bullet else ""),
                break_on_hyphens=False,
                break_long_words=False,
            )
        )
    return "\n".join(lines)
