"""Running git on repositories raiassist did not make. A checked project is often a clone
from elsewhere, and its `.git/config` may name commands for git to run: an fsmonitor, hooks,
a pager, external diff and text-conversion drivers, a signature program, credential
helpers. Every git call goes through `run`, which switches each of them off on the command
line, where it outranks every configuration file; raiassist's calls never check out files,
so filter drivers are not reached either."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SAFE = (
    "--no-pager",
    *("-c", "core.fsmonitor=false"),
    *("-c", "core.hooksPath=/dev/null"),
    *("-c", "core.pager=cat"),
    *("-c", "core.askPass="),
    *("-c", "core.sshCommand=false"),
    *("-c", "credential.helper="),
    *("-c", "diff.external="),
    *("-c", "log.showSignature=false"),
    *("-c", "gpg.program=false"),
    *("-c", "gc.auto=0"),
    *("-c", "maintenance.auto=false"),
)
NO_DIFF_PROGRAMS = ("--no-ext-diff", "--no-textconv")  # for commands that could show diffs
_UNSET = ("GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH_COMMAND")


class GitFailed(Exception):
    """git could not be run, or said no: the last line it wrote says why."""


def run(
    args: list[str], cwd: Path | None = None, stdin: bytes = b"", timeout: float = 120
) -> bytes:
    """git's output for `args` (in `cwd`), with every command-running setting off."""
    try:
        result = subprocess.run(
            ["git", *SAFE, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=environment(),
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitFailed(str(exc)) from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitFailed(lines[-1] if lines else f"git {args[0]} failed")
    return result.stdout


def popen(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    """git running `args` with pipes to and from it, as safely as `run`."""
    return subprocess.Popen(
        ["git", *SAFE, *args],
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment(),
    )


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _UNSET}
    return {**env, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
