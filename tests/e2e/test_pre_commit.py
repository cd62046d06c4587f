"""The published hook end to end: the real `pre-commit try-repo` against this checkout, in a
new git repository holding a notebook. An open error blocks; attesting it lets it through."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

NOTEBOOK = ROOT / "examples" / "credit" / "credit_model.ipynb"


def run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "project"
    repo.mkdir()
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    assert run("git", "init", "-q", cwd=repo, env=env).returncode == 0
    shutil.copy(NOTEBOOK, repo / "credit_model.ipynb")
    (repo / "pyproject.toml").write_text('[tool.raiassist]\nfail-on = "error"\n')
    assert run("git", "add", ".", cwd=repo, env=env).returncode == 0
    return repo, env


def try_repo(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(ROOT),
        "raiassist",
        "--files",
        "credit_model.ipynb",
        "--verbose",
        cwd=repo,
        env=env,
    )


def test_hook_blocks_an_open_error_and_passes_once_attested(
    repository: tuple[Path, dict[str, str]],
) -> None:
    repo, env = repository
    before = (repo / "credit_model.ipynb").read_bytes()
    blocked = try_repo(repo, env)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "F1.5 error" in blocked.stdout and "credit_model.ipynb:cell_7" in blocked.stdout
    assert (repo / "credit_model.ipynb").read_bytes() == before, "the hook must not write"

    for requirement in ("F1.5", "F2.5"):
        attested = run(
            sys.executable,
            "-m",
            "raiassist",
            "attest",
            requirement,
            "--path",
            "credit_model.ipynb",
            "--note",
            "Per-group evaluation in eval/fairness.ipynb",
            "--by",
            "Test <test@example.com>",
            cwd=repo,
            env=env,
        )
        assert attested.returncode == 0, attested.stderr
    assert run("git", "add", ".", cwd=repo, env=env).returncode == 0

    passed = try_repo(repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "F1.5" not in passed.stdout
