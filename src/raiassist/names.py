"""Resolve what a name in code refers to, from imports and simple assignments.

`import pandas as pd; df = pd.read_csv(p); df.groupby` resolves `df.groupby` to
`pandas.read_csv().groupby`. Names flow across cells: a notebook is one namespace.
"""

from __future__ import annotations

import ast

MAX_DEPTH = 12
_NAMEABLE = ast.Call | ast.Attribute | ast.Name | ast.Subscript  # built once, not per call
_COLLECTIONS = ast.List | ast.Tuple | ast.Set
IMPORTED = "\0import:"  # a key no Python name can have


class Names:
    """The import aliases and assignments seen so far in a document."""

    def __init__(self) -> None:
        self.bound: dict[str, str] = {}

    def learn_import(self, node: ast.Import | ast.ImportFrom) -> None:
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
        for module_name in modules:
            if module_name:  # kept in `bound` so that cached cell snapshots carry it too
                self.bound[IMPORTED + module_name.split(".")[0]] = ""
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.bound[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    self.bound[top] = top
            return
        module = "." * node.level + (node.module or "")
        for alias in node.names:
            if alias.name != "*":
                self.bound[alias.asname or alias.name] = f"{module}.{alias.name}".lstrip(".")

    def learn_assign(self, targets: list[ast.expr], value: ast.expr) -> None:
        if not isinstance(value, _NAMEABLE):
            for target in targets:
                if isinstance(target, ast.Name):
                    self.bound.pop(target.id, None)
            return
        resolved = self.resolve(value)
        for target in targets:
            if isinstance(target, ast.Name) and resolved != target.id:
                self.bound[target.id] = resolved

    def resolve(self, node: ast.AST) -> str:
        """A dotted name for an expression: calls end in `()`, subscripts in `[]`. Anything
        else, or a chain deeper than MAX_DEPTH, resolves to `?`."""
        # the commonest shapes first, without the loop: `f` and `x.f` are most calls, and
        # `f()` and `x.f()` most values assigned
        if type(node) is ast.Call:
            func = node.func
            if type(func) is ast.Name:
                return self.bound.get(func.id, func.id) + "()"
            if type(func) is ast.Attribute and type(func.value) is ast.Name:
                base = func.value.id
                return f"{self.bound.get(base, base)}.{func.attr}()"
        elif type(node) is ast.Name:
            return self.bound.get(node.id, node.id)
        elif type(node) is ast.Attribute and type(node.value) is ast.Name:
            base = node.value.id
            return f"{self.bound.get(base, base)}.{node.attr}"
        suffixes: list[str] = []
        for _ in range(MAX_DEPTH + 1):
            if isinstance(node, ast.Name):
                base = self.bound.get(node.id, node.id)
                break
            if isinstance(node, ast.Attribute):
                suffixes.append("." + node.attr)
                node = node.value
            elif isinstance(node, ast.Call):
                suffixes.append("()")
                node = node.func
            elif isinstance(node, ast.Subscript):
                suffixes.append("[]")
                node = node.value
            else:
                base = "?"
                break
        else:
            base = "?"
        return base + "".join(reversed(suffixes)) if suffixes else base

    def imported(self, package: str) -> bool:
        """Whether the code imports anything from a top-level package (e.g. `torch`)."""
        return IMPORTED + package in self.bound


def last(name: str) -> str:
    """The final part of a dotted name, without call or subscript marks."""
    return name.rstrip("()[]").rsplit(".", 1)[-1].rstrip("()[]")


def root(name: str) -> str:
    return name.split(".", 1)[0].rstrip("()[]")


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def strings(node: ast.AST | None) -> list[tuple[str, ast.AST]]:
    """String constants in a constant, or in a list, tuple or set of them (one level deep)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.value, node)]
    if isinstance(node, _COLLECTIONS):
        return [
            (e.value, e)
            for e in node.elts
            if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]
    return []


def nodes(node: ast.AST, limit: int) -> list[ast.AST]:
    """The first `limit` nodes of a tree in the order `ast.walk` gives them (breadth first),
    from one list instead of its generators and the import it makes on every call."""
    found = [node]
    for current in found:  # the list grows while it is read: each node's children go last
        if len(found) >= limit:
            break
        for field in current._fields:
            value = getattr(current, field, None)
            if isinstance(value, ast.AST):
                found.append(value)
            elif isinstance(value, list):
                found.extend(item for item in value if isinstance(item, ast.AST))
    return found[:limit]


def constant_string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None
