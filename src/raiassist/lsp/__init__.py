"""The language server: raiassist's findings as diagnostics, hovers and code actions in any
LSP client (VS Code, jupyterlab-lsp, other editors), over stdio."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Serve LSP on stdin/stdout until the client says exit. Logs go to stderr."""
    import argparse

    parser = argparse.ArgumentParser(prog="raiassist lsp", description=main.__doc__)
    parser.add_argument("--stdio", action="store_true", help="use stdio (the only transport)")
    parser.add_argument(
        "--log-level", default="WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR")
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr,
        level=args.log_level,
        format="raiassist-lsp %(levelname)s %(name)s: %(message)s",
    )
    try:
        from raiassist.lsp.features import register
        from raiassist.lsp.server import RaiServer
    except ImportError as exc:
        print(
            f"raiassist lsp needs the language-server extra: pip install 'raiassist[lsp]' ({exc})",
            file=sys.stderr,
        )
        return 2
    server = RaiServer()
    register(server)
    # What start-up made (modules, the protocol's types and converters) lives as long as the
    # server: kept out of the collector's full passes, which an edit would otherwise wait on.
    gc.freeze()
    server.start_io()
    return 0
