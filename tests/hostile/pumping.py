"""Adversarial inputs for a regular expression, derived from the pattern itself.

For every unbounded repetition in the pattern, the inputs reach it (a string matching
what comes before it), repeat what it repeats until the input is 100 KB, and end with a
character that makes the match fail, so a pattern that backtracks over the run shows it.
Each also comes repeated whole, which catches patterns that rescan the rest of the text
from every place a match could start. This is how catastrophic patterns were found by hand
(`'# x' + ' ' * 1500 + 'y'`); deriving the inputs keeps it true of patterns added later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

SIZE = 100_000
# One or two of each kind a character class may hold: spaces, word characters, digits,
# markup and code punctuation, a line break, a non-ASCII letter.
CANDIDATES = " \ta_Z0.,-#<>[](){}:;=%!?*'\"/\\|@$^~+&\né"
ENDINGS = ("", "\x00", "!", "y", "\n", "#", "-", ")")
BOUNDED = 10  # a repetition of at most this many is not worth pumping


def inputs(pattern: re.Pattern[str], size: int = SIZE) -> Iterator[str]:
    """Adversarial inputs of about `size` characters for `pattern`."""
    tree = P.parse(pattern.pattern, pattern.flags)
    ignore_case = bool(pattern.flags & re.I)
    seen: set[str] = set()
    whole = _sample(list(tree), ignore_case)
    found = [_around(whole, char, ("",), size) for char in CANDIDATES]  # runs, any pattern
    found += [_around(p, u, ENDINGS, size) for p, u in _pumps(list(tree), "", ignore_case)]
    for texts in found:
        for text in texts:
            if text not in seen:
                seen.add(text)
                yield text


def _around(prefix: str, unit: str, endings: tuple[str, ...], size: int) -> list[str]:
    run = unit * max(1, (size - len(prefix)) // max(1, len(unit)))
    attempt = prefix + unit
    longer = prefix + unit * 8 + "!"
    return [
        *(prefix + run + ending for ending in endings),
        attempt * max(1, size // max(1, len(attempt))),
        longer * max(1, size // len(longer)),
    ]


def _pumps(items: list[Any], prefix: str, icase: bool) -> Iterator[tuple[str, str]]:
    """(what reaches a repetition, one repeated unit) for every unbounded repetition."""
    for position, (op, value) in enumerate(items):
        before = prefix + _sample(items[:position], icase)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _, high, body = value
            if high == C.MAXREPEAT or high > BOUNDED:
                for unit in _variants(list(body), icase):
                    yield before, unit
            yield from _pumps(list(body), before, icase)
        elif op == C.SUBPATTERN:
            yield from _pumps(list(value[3]), before, icase)
        elif op in (C.ATOMIC_GROUP,):
            yield from _pumps(list(value), before, icase)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _pumps(list(value[1]), before, icase)
        elif op == C.BRANCH:
            for branch in value[1]:
                yield from _pumps(list(branch), before, icase)


def _variants(items: list[Any], icase: bool) -> list[str]:
    """A few strings matching `items`, differing in the characters chosen for classes."""
    if len(items) == 1 and items[0][0] in (C.IN, C.ANY, C.NOT_LITERAL, C.LITERAL):
        return _chars(items[0], icase)[:4] or [""]
    first = _sample(items, icase)
    return [first] if first else []


def _sample(items: list[Any], icase: bool) -> str:
    """One short string matching a sequence of pattern items."""
    out = []
    for op, value in items:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            chars = _chars((op, value), icase)
            out.append(chars[0] if chars else "")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            out.append(_sample(list(value[2]), icase) * value[0])
        elif op == C.SUBPATTERN:
            out.append(_sample(list(value[3]), icase))
        elif op == C.ATOMIC_GROUP:
            out.append(_sample(list(value), icase))
        elif op == C.BRANCH:
            out.append(_sample(list(value[1][0]), icase))
    return "".join(out)


def _chars(item: tuple[Any, Any], icase: bool) -> list[str]:
    op, value = item
    if op == C.LITERAL:
        return [chr(value)]
    if op == C.NOT_LITERAL:
        return [c for c in CANDIDATES if c != chr(value)]
    if op == C.ANY:
        return [" ", "a", "#"]
    return [c for c in CANDIDATES if _in(value, c, icase)]


def _in(items: list[Any], char: str, icase: bool) -> bool:
    negate = bool(items) and items[0][0] == C.NEGATE
    chars = {char, char.lower(), char.upper()} if icase else {char}
    found = any(_member(op, value, c) for op, value in items for c in chars)
    return found != negate


def _member(op: Any, value: Any, char: str) -> bool:
    if op == C.LITERAL:
        return char == chr(value)
    if op == C.RANGE:
        return value[0] <= ord(char) <= value[1]
    if op == C.CATEGORY:
        return _CATEGORIES.get(value, lambda c: False)(char)
    return False


_CATEGORIES = {
    C.CATEGORY_DIGIT: str.isdecimal,
    C.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    C.CATEGORY_SPACE: str.isspace,
    C.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    C.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}
