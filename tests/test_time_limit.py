"""time_limit: analysis past the limit is stopped wherever it is, and only inside the block."""

from __future__ import annotations

import threading
import time

import pytest

from raiassist.time_limit import TimeLimit, limited, seconds


@pytest.fixture(autouse=True)
def short_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAIASSIST_TIME_LIMIT", "0.2")


def spin(until: float) -> None:
    """Pure-Python work, as a runaway analysis is."""
    while time.monotonic() < until:
        pass


def test_the_limit_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert seconds() == 0.2
    monkeypatch.setenv("RAIASSIST_TIME_LIMIT", "soon")
    assert seconds() == 10.0


def test_a_runaway_block_is_stopped_past_the_limit() -> None:
    start = time.monotonic()
    with pytest.raises(TimeLimit), limited():
        spin(start + 30)
    assert 0.2 <= time.monotonic() - start < 10


def test_handlers_of_exceptions_inside_do_not_swallow_it() -> None:
    caught = []
    with pytest.raises(TimeLimit), limited():
        try:
            spin(time.monotonic() + 30)
        except Exception as exc:  # noqa: BLE001 - as a detector guards itself
            caught.append(exc)
    assert caught == []


def test_a_quick_block_leaves_nothing_pending() -> None:
    with limited():
        total = sum(range(1000))
    spin(time.monotonic() + 0.6)  # well past the limit, outside the block: nothing arrives
    assert total == 499500


def test_an_inner_block_runs_under_the_outer_limit() -> None:
    start = time.monotonic()
    with pytest.raises(TimeLimit), limited():
        with limited():
            pass
        spin(start + 30)
    assert time.monotonic() - start < 10


def test_each_thread_has_its_own_limit() -> None:
    outcome: list[str] = []

    def slow() -> None:
        try:
            with limited():
                spin(time.monotonic() + 30)
        except TimeLimit:
            outcome.append("stopped")

    worker = threading.Thread(target=slow)
    worker.start()
    with limited():
        quick = "done"
    worker.join(timeout=20)
    assert (outcome, quick) == (["stopped"], "done")
