"""`main(argv) -> int`: parse the command line, run a verb, map failures to exit codes.

Exit codes are a contract: 0 success (nothing open at or above --fail-on), 1 something open,
2 usage or configuration error, 3 internal error (details in a log file).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from raiassist import __version__
from raiassist.errors import UserError
from raiassist.logfile import log_to_file, write_crash_log

EXIT_OK, EXIT_OPEN, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# Each verb's module under raiassist.cli, by the names it adds to the parser. Only the
# module of the verb being run is imported (a pre-commit run of `check` pays for no other);
# `--help` and an unknown verb import them all.
VERBS: dict[str, str] = {
    "check": "check_cmd",
    "checklist": "checklist_cmd",
    "attest": "answer_cmd",
    "waive": "answer_cmd",
    "na": "answer_cmd",
    "withdraw": "answer_cmd",
    "move-answers": "answer_cmd",
    "explain": "explain_cmd",
    "catalogue": "catalogue_cmd",
    "standard": "standard_cmd",
    "report": "report_cmd",
    "schema": "schema_cmd",
    "lsp": "lsp_cmd",
}


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width as `shutil.get_terminal_size`
    gives it (`$COLUMNS`, else the terminal, else 80), without importing `shutil`: argparse
    makes a formatter for every option it is given, and `shutil` (with `bz2` and `lzma`)
    would cost a pre-commit run that shows no help about 3 ms."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:  # fmt: skip
        super().__init__(prog, indent_increment, max_help_position, width or _columns() - 2)


def _columns() -> int:
    with contextlib.suppress(KeyError, ValueError):
        if (columns := int(os.environ["COLUMNS"])) > 0:
            return columns
    with contextlib.suppress(AttributeError, ValueError, OSError):
        if (columns := os.get_terminal_size(sys.__stdout__.fileno()).columns) > 0:  # type: ignore[union-attr]
            return columns
    return 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def build_parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The parser for every verb, or for `verb` alone."""
    parser = _Parser(
        prog="raiassist",
        description="Responsible AI guidance for Python scripts and Jupyter notebooks.",
        epilog="Exit codes: 0 ok, 1 open requirements at or above --fail-on, "
        "2 usage or configuration error, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"raiassist {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    modules = [VERBS[verb]] if verb in VERBS else list(dict.fromkeys(VERBS.values()))
    for module in modules:
        importlib.import_module(f"raiassist.cli.{module}").add_parser(verbs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # text that cannot be shown is escaped, not fatal
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words[0] if words else None)
    args = parser.parse_args(words)
    log_to_file()
    if args.verb is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        code: int = args.run(args)
        return code
    except UserError as exc:
        for problem in exc.problems:
            print(f"raiassist: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # noqa: BLE001 - the last line of defence, logged in full
        log = write_crash_log(argv)
        print(f"raiassist: internal error; details are in {log}", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point. Once the verb is done, what is buffered is written out and
    the process leaves without the interpreter's teardown, which would free every object of
    a large batch one by one (about 15 ms after checking a hundred notebooks)."""
    code = main()
    if "logging" in sys.modules:  # imported only when something was logged
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:
                stream.flush()
        except BrokenPipeError:  # the reader went away (`raiassist check | head`)
            pass
        except (OSError, ValueError):  # e.g. a full disk: the output is incomplete
            code = EXIT_INTERNAL if stream is sys.stdout else code
    os._exit(code)
