"""The Jupyter server extension behind raiassist's JupyterLab sidebar: routes under
`/raiassist/` that check a notebook's current content, explain requirements, offer templates
and write answers to the project's record. It needs no kernel.

Jupyter imports stay inside this package; `import raiassist` never loads them.
"""

from __future__ import annotations

from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "raiassist.jupyter"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    from raiassist.jupyter.routes import setup

    setup(server_app)
    server_app.log.info("raiassist: routes under /raiassist/ are ready")
