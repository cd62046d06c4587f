"""The real Jupyter server and language server fixtures, for the hostile inputs that reach
raiassist through them."""

from tests.jupyter.conftest import api, fetch, jp_server_config, notebook, root
from tests.lsp.conftest import client

__all__ = ["api", "client", "fetch", "jp_server_config", "notebook", "root"]
