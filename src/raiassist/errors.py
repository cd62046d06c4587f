"""Errors that reach users: each names the file, the place in it, and what is wrong."""

from __future__ import annotations

from collections.abc import Iterable

from raiassist.frozen import frozen


@frozen
class Problem:
    """One thing wrong with one input file."""

    file: str
    message: str
    path: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class UserError(Exception):
    """Bad input from the user (a pack, a config file, a command line): exit code 2."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def suggestion(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing."""
    import difflib

    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    close = close or sorted(c for c in options if word and c.startswith(word))[:1]
    return f" (did you mean '{close[0]}'?)" if close else ""
