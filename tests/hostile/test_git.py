"""Class 4: a cloned repository cannot make raiassist run code. The repository's own
`.git/config` names a command for every setting that runs one (an fsmonitor, hooks, pagers,
diff and text-conversion drivers, filters, a signature program on a signed commit, editors,
credential helpers); `check`, `attest` (which asks git who is answering) and
`report --since` (which reads history) run none of them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run_cli

COMMANDS = {
    "core.fsmonitor": "fsmonitor",
    "core.pager": "pager",
    "pager.log": "pager-log",
    "diff.external": "external-diff",
    "diff.evil.textconv": "textconv",
    "filter.evil.smudge": "smudge",
    "filter.evil.clean": "clean",
    "filter.evil.process": "filter-process",
    "gpg.program": "gpg",
    "core.askPass": "askpass",
    "credential.helper": "credential",
    "core.sshCommand": "ssh",
    "core.editor": "editor",
}
HOOKS = ("pre-commit", "post-checkout", "reference-transaction", "post-index-change")


def _git(repo: Path, *args: str, when: str = "2026-10-05T10:00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    safe = ["-c", "core.hooksPath=/dev/null", "-c", "user.name=T", "-c", "user.email=t@e"]
    done = subprocess.run(["git", *safe, *args], cwd=repo, env=env, capture_output=True, check=True)
    return done.stdout.decode()


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """(a repository whose configuration runs a marker command everywhere, the marker folder)."""
    repo, marks = tmp_path / "repo", tmp_path / "marks"
    repo.mkdir()
    marks.mkdir()
    _git(repo, "init", "-q")
    (repo / "raiassist.toml").write_text("")
    (repo / ".gitignore").write_text("scratch/\n")
    (repo / ".gitattributes").write_text("* filter=evil diff=evil\n")
    (repo / "train.py").write_text("import pandas as pd\ndf = pd.read_csv('a.csv')\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    _signed_commit(repo)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in HOOKS:
        _marker(hooks / name, marks, f"hook-{name}")
    _git(repo, "config", "core.hooksPath", str(hooks))
    _git(repo, "config", "log.showSignature", "true")
    for key, name in COMMANDS.items():
        _git(repo, "config", key, str(_marker(tmp_path / f"{name}.sh", marks, name)))
    return repo, marks


def test_the_hostile_configuration_does_run_commands_in_plain_git(
    hostile: tuple[Path, Path],
) -> None:
    """So the test below can fail: the same repository makes plain git run them."""
    repo, marks = hostile
    subprocess.run(["git", "status"], cwd=repo, capture_output=True, check=False)
    subprocess.run(["git", "log", "-1"], cwd=repo, capture_output=True, check=False)
    assert {"fsmonitor", "gpg"} <= {p.name for p in marks.iterdir()}


def test_check_attest_and_history_run_nothing_from_the_repository(
    hostile: tuple[Path, Path], tmp_path: Path
) -> None:
    repo, marks = hostile
    results = [
        run_cli("check", str(repo)),
        run_cli("attest", "A1.1", "--note", "Reviewed in RAI-4.", cwd=repo),
        run_cli("report", str(repo), "--since", "2026-10-01", "-o", str(tmp_path / "r.html")),
    ]
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
    assert sorted(p.name for p in marks.iterdir()) == []
    assert (tmp_path / "r.json").exists()


def _marker(path: Path, marks: Path, name: str) -> Path:
    path.write_text(f'#!/bin/sh\ntouch "{marks / name}"\nexit 1\n')
    path.chmod(0o755)
    return path


def _signed_commit(repo: Path) -> None:
    """A commit carrying a (fake) signature: showing it would ask the gpg program."""
    tree, parent = _git(repo, "rev-parse", "HEAD^{tree}", "HEAD").split()
    stamp = "1791367200 +0000"  # 2026-10-07
    body = (
        f"tree {tree}\nparent {parent}\nauthor T <t@e> {stamp}\ncommitter T <t@e> {stamp}\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n"
        " -----END PGP SIGNATURE-----\n\nsigned\n"
    )
    made = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=repo,
        input=body.encode(),
        capture_output=True,
        check=True,
    )
    _git(repo, "update-ref", "HEAD", made.stdout.decode().strip())
