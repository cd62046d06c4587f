"""Building blocks shared by detector modules."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from raiassist.scan import Context, Kind

CallHook = Callable[[ast.Call, str, "Context"], None]


def library_calls(
    name: str, kind: Kind, prefixes: Iterable[str], what: str
) -> tuple[frozenset[str], CallHook]:
    """`(CALL_ROOTS, on_call)` for a detector that fires on any call into some libraries."""
    wanted = tuple(prefixes)

    def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
        if resolved.startswith(wanted):
            ctx.hit(name, kind, node, f"{what}: {resolved.replace('()', '')}")

    return frozenset(p.split(".")[0] for p in wanted), on_call


def has_keyword(node: ast.Call, *names: str) -> bool:
    return any(k.arg in names for k in node.keywords)


def short(resolved: str) -> str:
    """A readable form of a resolved call name for messages."""
    return resolved.replace("()", "").replace("[]", "")
