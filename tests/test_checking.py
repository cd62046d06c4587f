"""Batch checks shared with forked workers give the same report as one process does, even
when a worker dies on the way or its reports arrive cut short."""

from __future__ import annotations

import itertools
import json
import os
import pickle
import select
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from raiassist import checking
from raiassist.checking import PARALLEL_FROM, FileReport, Report, check_paths
from raiassist.config import Config, load_config
from raiassist.evaluate import Inputs
from raiassist.reporters.json_report import report_json
from raiassist.standard import load_standard
from tests.helpers import FIXTURES, ROOT

needs_workers = pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
    reason="work is shared with forked workers on Linux with 2 cores or more",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """More files than it takes to share the work: the detector fixtures and the examples."""
    shutil.copytree(FIXTURES / "detectors", tmp_path / "detectors")
    shutil.copytree(FIXTURES / "catalogue", tmp_path / "catalogue")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "raiassist.toml").write_text("")
    assert len(list(tmp_path.rglob("*.py")) + list(tmp_path.rglob("*.ipynb"))) >= PARALLEL_FROM
    return tmp_path


@pytest.fixture
def in_a_worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Callable[[], None]], None]]:
    """Run `action` when a worker begins its first file, and hold this process's first file
    until then: the worker is sure to take part, whatever the timing."""
    parent, real = os.getpid(), checking._check_file
    began_r, began_w = os.pipe()
    chosen: list[Callable[[], None]] = []
    waited = False

    def checked(path: Path, config: Config, inputs: Inputs, *rest: Any) -> FileReport:
        nonlocal waited
        if os.getpid() != parent:
            os.write(began_w, b"!")
            chosen[0]()
        elif not waited:
            waited = True
            assert select.select([began_r], [], [], 60)[0], "no worker began within a minute"
        return real(path, config, inputs, *rest)

    monkeypatch.setattr(checking, "_check_file", checked)
    yield chosen.append
    os.close(began_r)
    os.close(began_w)


def _checked(project: Path, parallel: bool, progress: Any = None) -> Report:
    config = load_config(project)
    return check_paths([project], config, load_standard(), progress, parallel)


def _comparable(report: Report) -> dict[str, object]:
    return report_json(report, "info")


@needs_workers
def test_shared_work_reports_what_one_process_reports(
    project: Path, in_a_worker: Callable[[Callable[[], None]], None], caplog: Any
) -> None:
    in_a_worker(lambda: None)
    calls: list[tuple[int, int]] = []
    shared = _checked(project, True, lambda done, total: calls.append((done, total)))
    alone = _checked(project, parallel=False)
    assert _comparable(shared) == _comparable(alone)
    assert "no reports" not in caplog.text
    from_workers = [  # a worker's reports come without cells (the cache keeps them apart)
        s for s, a in zip(shared.files, alone.files, strict=True) if a.facts.document.cells
        and not s.facts.document.cells
    ]  # fmt: skip
    assert from_workers
    total = len(shared.files)
    dones = [done for done, _ in calls]
    assert calls[-1] == (total, total)
    assert dones == sorted(set(dones))  # rising, each count once, the end once


@needs_workers
def test_the_files_of_a_worker_that_died_are_checked_in_the_parent(
    project: Path, in_a_worker: Callable[[Callable[[], None]], None], caplog: Any
) -> None:
    in_a_worker(lambda: os._exit(9))
    shared = _checked(project, parallel=True)
    assert "a worker sent no reports" in caplog.text
    assert _comparable(shared) == _comparable(_checked(project, parallel=False))


@needs_workers
def test_reports_cut_short_are_checked_again(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    parent, real_dump = os.getpid(), pickle.dump

    def dump_half_and_die(value: object, stream: Any, protocol: int | None = None) -> None:
        if os.getpid() == parent:
            real_dump(value, stream, protocol)
            return
        data = pickle.dumps(value, protocol)
        stream.write(data[: len(data) // 2])
        stream.flush()
        os._exit(9)

    monkeypatch.setattr(pickle, "dump", dump_half_and_die)
    shared = _checked(project, parallel=True)
    monkeypatch.undo()
    assert "a worker sent no reports" in caplog.text
    assert _comparable(shared) == _comparable(_checked(project, parallel=False))


def test_tokens_hand_out_every_file_once_even_when_there_are_more_files_than_pipe_room() -> None:
    order = list(range(300_000))  # more than 4-byte tokens fit in the largest pipe by default
    with checking._Tokens(order) as tokens:
        taken = list(itertools.islice(tokens.taken(), 1000))
        assert tokens.chunk > 1
        assert len(taken) <= tokens.handed_out() <= len(taken) + tokens.chunk
        taken += tokens.taken()
    assert taken == order


@needs_workers
def test_two_processes_taking_tokens_at_once_share_them_without_overlap() -> None:
    order = list(range(20_000))
    with checking._Tokens(order) as tokens:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the other process: report what it took, then leave at once
            status = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "w") as out:
                    json.dump(list(tokens.taken()), out)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        mine = list(tokens.taken())
        with os.fdopen(read_end) as stream:
            theirs = json.load(stream)
        os.waitpid(pid, 0)
    assert sorted(mine + theirs) == order


@needs_workers
def test_a_run_whose_children_the_system_reaps_still_reports(project: Path) -> None:
    """With SIGCHLD ignored (as some supervisors leave it), workers are reaped by the system
    and waiting for them finds nothing: that must not turn a finished check into a crash."""
    result = subprocess.run(
        [sys.executable, "-m", "raiassist", "check", "--format", "json", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: signal.signal(signal.SIGCHLD, signal.SIG_IGN),
    )
    assert result.returncode == 1, result.stderr  # the examples hold open errors
    assert len(json.loads(result.stdout)["files"]) >= PARALLEL_FROM
