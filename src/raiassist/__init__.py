"""raiassist: a Responsible AI Standard in the editor, the notebook and the commit."""

from typing import Any

__version__ = "0.1.0"


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext raiassist`: the runtime companion (`raiassist.kernel`), imported only now so
    that `import raiassist` stays light."""
    from raiassist.kernel import load

    load(ipython)


def unload_ipython_extension(ipython: Any) -> None:
    """`%unload_ext raiassist`: remove the companion's hook."""
    from raiassist.kernel import unload

    unload(ipython)
