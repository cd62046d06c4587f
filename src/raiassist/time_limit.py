"""A time limit on analysing one file, so that no input can hold up a batch, the language
server or the Jupyter server: analysis still running after the limit is stopped, and the
file gets one finding saying so (RA004) instead.

One watchdog thread per process raises `TimeLimit` in the thread doing the analysis
(`PyThreadState_SetAsyncExc`), which stops Python code between two bytecodes wherever it
is. `TimeLimit` is a BaseException, so the analysis' own `except Exception` handlers (a
crashing detector is reported and skipped) let it through. Callers catch it around the
`with limited():` block, which is where it surfaces, whenever it fires.

The limit is `SECONDS`, or `RAIASSIST_TIME_LIMIT` (seconds) in the environment.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

SECONDS = 10.0


class TimeLimit(BaseException):
    """Analysis ran past the time limit."""


def seconds() -> float:
    """The limit in force: RAIASSIST_TIME_LIMIT when it is a positive number, else SECONDS."""
    try:
        value = float(os.environ.get("RAIASSIST_TIME_LIMIT", SECONDS))
    except ValueError:
        return SECONDS
    return value if value > 0 else SECONDS


def message() -> str:
    return (
        f"analysis took longer than {seconds():g} s and was stopped; nothing else was checked "
        "in this file (exclude it, or split it)"
    )


@contextmanager
def limited() -> Iterator[None]:
    """Raise TimeLimit in this thread once the block has run longer than the limit. A block
    inside another in the same thread runs under the outer one's limit."""
    token = _WATCHDOG.arm(seconds())
    try:
        yield
    finally:
        _WATCHDOG.disarm(token)


class _Watchdog:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wake = threading.Condition(self.lock)
        self.deadlines: dict[int, tuple[float, object]] = {}  # thread -> (deadline, token)
        self.fired: dict[int, object] = {}  # thread -> token of the limit that fired there
        self.thread: threading.Thread | None = None
        self.until = 0.0  # when the watchdog looks again of its own accord

    def arm(self, limit: float) -> object | None:
        ident = threading.get_ident()
        token = object()
        with self.lock:
            if ident in self.deadlines:
                return None  # nested: the outer limit holds
            deadline = time.monotonic() + limit
            self.deadlines[ident] = (deadline, token)
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="raiassist-limit")
                self.thread.daemon = True
                self.thread.start()
            if deadline < self.until:  # waking the watchdog costs the analysis a GIL switch
                self.wake.notify()
        return token

    def disarm(self, token: object | None) -> None:
        if token is None:
            return
        ident = threading.get_ident()
        with self.lock:
            if self.deadlines.get(ident, (0, None))[1] is token:
                del self.deadlines[ident]
            if self.fired.get(ident) is token:
                del self.fired[ident]
                _raise_in(ident, None)  # not delivered yet? then it never will be

    def _watch(self) -> None:
        with self.lock:
            while True:
                now = time.monotonic()
                for ident, (deadline, token) in list(self.deadlines.items()):
                    if deadline <= now:
                        del self.deadlines[ident]
                        self.fired[ident] = token
                        _raise_in(ident, TimeLimit)
                # Idle, it looks again one limit later: any deadline set meanwhile falls
                # after that, so arming a limit never needs to wake it.
                soonest = min((d for d, _ in self.deadlines.values()), default=now + seconds())
                self.until = max(soonest, now + 0.001)
                self.wake.wait(self.until - now)


def _raise_in(ident: int, exception: type[BaseException] | None) -> None:
    """Make `exception` pending in thread `ident` (None takes a pending one back)."""
    import ctypes

    target = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), target)


def _forget_after_fork() -> None:
    """A forked process has no watchdog thread (and maybe a lock held by one): start anew."""
    global _WATCHDOG
    _WATCHDOG = _Watchdog()


_WATCHDOG = _Watchdog()
os.register_at_fork(after_in_child=_forget_after_fork)
