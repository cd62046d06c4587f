"""`raiassist check [PATH ...]`: check scripts and notebooks, as a pre-commit hook or in CI."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TextIO

from raiassist.cache import disabled
from raiassist.checking import check_paths
from raiassist.cli.common import (
    Subparsers,
    add_pack_option,
    project,
    refuse_overwriting,
    write_output,
)
from raiassist.progress import progress_bar
from raiassist.reporters import FORMATS, renderer
from raiassist.reporters.common import failing
from raiassist.reporters.text import render as render_text
from raiassist.reporters.text import use_colour
from raiassist.results import Results


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "check",
        help="check scripts and notebooks against the Standard",
        description="Find which requirements apply to Python scripts and Jupyter notebooks, "
        "which are met by evidence, and which are open. Folders are searched for .py and "
        ".ipynb files, honouring excludes and .gitignore. Files are never modified.",
        epilog="Exit codes: 0 nothing open at or above --fail-on, 1 something is, 2 usage or "
        "configuration error, 3 internal error (with a log path).",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: the current project)",
    )
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--fail-on",
        choices=("info", "warning", "error", "never"),
        help="exit 1 when a requirement this severe is open (default: error)",
    )
    parser.add_argument(
        "--show",
        choices=("info", "warning", "error"),
        help="lowest severity reported as a finding (default: warning)",
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="ID",
        help="only these requirement or goal IDs (repeatable)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        metavar="ID",
        help="leave out these requirement or goal IDs (repeatable)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        help="also skip paths matching GLOB (repeatable)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="findings only, no summary")
    parser.add_argument("--no-color", "--no-colour", dest="no_colour", action="store_true")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read and write no cache: every file is read and scanned afresh",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="keep the result cache in DIR (default: $RAIASSIST_CACHE_DIR, else "
        "~/.cache/raiassist/results)",
    )
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # A batch keeps every file's facts until the report is written, and parsing makes
    # objects by the million: the cycle collector would walk the kept ones again and again
    # (a sixth of a cold run) to find almost nothing, as ASTs and facts hold no cycles. The
    # collector is on again once the report is out.
    gc.disable()
    try:
        if args.no_cache:
            with disabled():
                return _run(args)
        return _run(args)
    finally:
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    start = args.paths[0] if args.paths else None
    config, standard = project(args, start)
    overrides = {
        key.replace("_", "-"): value
        for key, value in {
            "fail_on": args.fail_on,
            "show": args.show,
            "select": args.select,
            "ignore": args.ignore,
        }.items()
        if value
    }
    if args.exclude:
        overrides["exclude"] = [*config.settings.exclude, *args.exclude]
    config = config.with_overrides(overrides)
    paths = args.paths or [config.root]
    if args.output:
        refuse_overwriting(args.output, paths, "one of the files being checked")
    show_progress = not args.no_progress and not args.quiet and _terminal(sys.stderr)
    results = Results.open(standard, config.root, args.cache_dir)
    bar = progress_bar() if show_progress else None
    report = check_paths(paths, config, standard, bar, results=results, close=False)
    settings = config.settings
    output: str | bytes
    if args.format == "text":
        colour = not args.output and use_colour(_terminal(sys.stdout), args.no_colour)
        output = render_text(report, settings.show, colour=colour, quiet=args.quiet)
    elif args.format == "json":
        from raiassist.reporters import json_report

        if results is None:
            output = json_report.render(report, settings.show)
        else:  # each file's part as the cache keeps it
            output = json_report.encoded(report, settings.show, results)
    else:
        output = renderer(args.format)(report, settings.show)
    if results is not None:
        results.close()  # what it keeps, with the JSON of each file when JSON was asked for
    if isinstance(output, bytes):
        if args.output:
            write_output(args.output, output + b"\n")
        else:
            _print_bytes(output)
    elif args.output:
        write_output(args.output, output + "\n")
    elif output:
        print(output)
    return 1 if failing(report, settings.fail_on) else 0


def _print_bytes(data: bytes) -> None:
    """Print UTF-8 `data` as `print` prints its text: as it is where standard output is
    UTF-8, else through its encoding."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding == "utf8" and hasattr(stream, "buffer"):
        stream.flush()
        stream.buffer.write(data + b"\n")
    else:
        print(data.decode("utf-8"))


def _terminal(stream: TextIO | None) -> bool:
    """Whether a stream is a terminal; a closed one (`2>&-` leaves None) is not."""
    return stream is not None and not stream.closed and stream.isatty()
