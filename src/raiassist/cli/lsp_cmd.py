"""`raiassist lsp`: the language server over stdio."""

from __future__ import annotations

import argparse

from raiassist.cli.common import Subparsers


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "lsp",
        help="run the language server over stdio (needs raiassist[lsp])",
        description="Run raiassist's language server on stdin/stdout for an editor (VS Code, "
        "JupyterLab through jupyterlab-lsp, or any LSP client). Logs go to stderr.",
    )
    parser.add_argument(
        "--log-level", default="WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR")
    )
    parser.add_argument("--stdio", action="store_true", help="use stdio (the only transport)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from raiassist.lsp import main

    return main(["--log-level", args.log_level])
