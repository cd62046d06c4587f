"""Options and loading shared by verbs."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from pathlib import Path
from typing import Any

from raiassist.config import Config, load_config
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


def wrap(text: str, indent: str = "  ") -> str:
    """Wrap paragraphs and `- ` bullets to the terminal's width."""
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
