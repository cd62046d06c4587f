"""jupyter-lsp finds raiassist's language server through the package's entry point: a real
`jupyter server` on 127.0.0.1 lists it under /lsp/status."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, token: str) -> dict[str, object]:
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=5) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def test_jupyter_server_lists_the_raiassist_language_server(tmp_path: Path) -> None:
    port, token = free_port(), "raiassist-test-token"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.open_browser=False",
            "--allow-root",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={tmp_path}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:  # the server is ready when its status endpoint answers
            try:
                get(f"{base}/api/status", token)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "jupyter server did not start"
                time.sleep(0.1)
        status = get(f"{base}/lsp/status", token)
        assert "raiassist" in status["sessions"]  # type: ignore[operator]
        spec = status["specs"]["raiassist"]  # type: ignore[index]
        assert spec["languages"] == ["python", "ipython"] and spec["version"] == 2
    finally:
        server.terminate()
        server.wait(timeout=30)
