"""Test helpers: fixture paths, and running the real CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def corpus() -> Path:
    """The shared corpus of real notebooks: $RAIASSIST_CORPUS, or `shared/corpus` beside the
    checkout (as the workplace lays it out), else /work/shared/corpus."""
    candidates = [os.environ.get("RAIASSIST_CORPUS", ""), str(ROOT.parent / "shared" / "corpus"),
                  "/work/shared/corpus"]  # fmt: skip
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    import pytest

    pytest.skip("the shared corpus is not on this machine (set RAIASSIST_CORPUS)")


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m raiassist ARGS` the way a user would, capturing its output (which
    must be valid UTF-8: decoding it is strict)."""
    return subprocess.run(
        [sys.executable, "-m", "raiassist", *args],
        cwd=cwd or ROOT,
        env={**(os.environ if env is None else env), "PYTHONUTF8": "1", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
