"""Registers `raiassist lsp` with jupyter-lsp (entry point `jupyter_lsp_spec_v1`), so that
jupyterlab-lsp shows raiassist's diagnostics in notebook cells."""

from __future__ import annotations

import sys
from typing import Any


def spec(manager: Any = None) -> dict[str, dict[str, Any]]:
    return {
        "raiassist": {
            "version": 2,
            "argv": [sys.executable, "-m", "raiassist.lsp"],
            "languages": ["python", "ipython"],
            "display_name": "raiassist (Responsible AI guidance)",
            "mime_types": ["text/python", "text/x-ipython"],
            "requires_documents_on_disk": False,
            "env": {"PYTHONUNBUFFERED": "1"},
            "urls": {"home": "https://pypi.org/project/raiassist/"},
        }
    }
