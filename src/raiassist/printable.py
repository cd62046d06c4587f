"""Text from files and file names, made safe for where it is shown. Code and names can hold
terminal escape sequences, bidirectional overrides, characters XML 1.0 forbids, and (for
file names that are not UTF-8) lone surrogates that no UTF-8 file or JSON reader accepts.
`printable` writes each such character as a visible escape; `utf8_safe` is the last guard
before text becomes UTF-8 bytes."""

from __future__ import annotations

import json
from typing import Any

_SURROGATE_BYTES = range(0xDC80, 0xDD00)  # how Python keeps a file name's undecodable byte


def printable(text: str) -> str:
    """`text` with every control, format, separator (but the space) and surrogate character
    written as an escape: `\\x1b`, `\\u202e`, and a name's undecodable byte as `\\xff`."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(ord(c)) for c in text)


def utf8_safe(text: str) -> str:
    """`text` unchanged when it encodes as UTF-8; otherwise with each lone surrogate as an
    escape, so writing it never fails."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def utf8_bytes(text: str) -> bytes:
    """`utf8_safe(text)` as UTF-8."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def json_text(data: Any, **options: Any) -> str:
    """JSON that is valid UTF-8 whatever the strings hold (a lone surrogate becomes a
    `\\udcff` escape, which JSON readers accept)."""
    return utf8_safe(json.dumps(data, ensure_ascii=False, **options))


def _escape(code: int) -> str:
    if code in _SURROGATE_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
