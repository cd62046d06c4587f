"""Batch checks shared with forked workers give the same report as one process does, even
when a worker dies on the way."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

from raiassist import checking
from raiassist.checking import PARALLEL_FROM, FileReport, Report, check_paths
from raiassist.config import Config, load_config
from raiassist.evaluate import Inputs
from raiassist.reporters.json_report import report_json
from raiassist.standard import load_standard
from tests.helpers import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2, reason="needs fork and 2 cores"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """More files than it takes to share the work: the detector fixtures and the examples."""
    shutil.copytree(FIXTURES / "detectors", tmp_path / "detectors")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "raiassist.toml").write_text("")
    assert len(list(tmp_path.rglob("*.py")) + list(tmp_path.rglob("*.ipynb"))) >= PARALLEL_FROM
    return tmp_path


def _checked(project: Path, parallel: bool) -> Report:
    config = load_config(project)
    return check_paths([project], config, load_standard(), parallel=parallel)


def _comparable(report: Report) -> dict[str, object]:
    return report_json(report, "info")


def test_shared_work_reports_what_one_process_reports(project: Path) -> None:
    calls: list[tuple[int, int]] = []
    config = load_config(project)
    shared = check_paths(
        [project], config, load_standard(), lambda done, total: calls.append((done, total))
    )
    assert _comparable(shared) == _comparable(_checked(project, parallel=False))
    total = len(shared.files)
    dones = [done for done, _ in calls]
    assert calls[-1] == (total, total)
    assert dones == sorted(set(dones))  # rising, each count once, the end once


def test_the_files_of_a_worker_that_died_are_checked_in_the_parent(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    parent, real = os.getpid(), checking._check_file

    def dies_in_a_worker(path: Path, config: Config, inputs: Inputs) -> FileReport:
        if os.getpid() != parent:
            os._exit(9)
        return real(path, config, inputs)

    monkeypatch.setattr(checking, "_check_file", dies_in_a_worker)
    shared = _checked(project, parallel=True)
    monkeypatch.undo()
    assert "a worker process sent no reports" in caplog.text
    assert _comparable(shared) == _comparable(_checked(project, parallel=False))


def test_tokens_hand_out_every_file_once_even_when_there_are_more_files_than_pipe_room() -> None:
    order = list(range(300_000))  # more than 4-byte tokens fit in the largest pipe by default
    tokens = checking._Tokens(order)
    try:
        taken = list(itertools.islice(tokens.taken(), 1000))
        assert tokens.chunk > 1
        assert len(taken) <= tokens.handed_out() <= len(taken) + tokens.chunk
        taken += tokens.taken()
    finally:
        tokens.close()
    assert taken == order
