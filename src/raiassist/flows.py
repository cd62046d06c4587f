"""Which sensitive attributes a variable carries, followed through assignments.

`X, y = fetch_adult(return_X_y=True)` makes `X` and `y` carry what the catalogue says UCI
Adult holds (sex, race, age); `A = X["sex"]` makes `A` carry sex; `A_train, A_test =
train_test_split(A, ...)` passes it on. Group arguments of fairness calls
(`sensitive_features=A_test`) and training calls (`fit(X_train, y_train)`) are then judged by
what they carry. What a name carries is kept beside its binding in `Names`, so it flows
across cells like the binding does.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Literal

from raiassist.frozen import frozen
from raiassist.names import constant_string, nodes, root

if TYPE_CHECKING:
    from raiassist.scan import Context

CARRIES = "\0carries:"  # a key no Python name can have
MAX_NODES = 400  # an expression bigger than this is not followed
MAX_NAME = 64  # a longer string is text, not a column name
_SEP = "\x1f"


@frozen
class Carried:
    attributes: tuple[str, ...]  # as written in code, e.g. ("sex",) or ("Sex_Male",)
    origin: str = ""  # the catalogue id of the dataset they came from, when a loader did
    named: tuple[str, ...] = ()  # those of them the code names itself (not the dataset)

    def __bool__(self) -> bool:
        return bool(self.attributes)

    @property
    def shown(self) -> tuple[str, ...]:
        """What to name in a message: the attributes the code names, else the dataset's."""
        return self.named or self.attributes

    def union(self, other: Carried) -> Carried:
        merged = tuple(dict.fromkeys((*self.attributes, *other.attributes)))
        named = tuple(dict.fromkeys((*self.named, *other.named)))
        return Carried(merged, self.origin or other.origin, named)

    def encode(self) -> str:
        return _SEP.join((self.origin, ",".join(self.attributes), ",".join(self.named)))


NOTHING = Carried(())
Verdict = Literal["sensitive", "not", "unknown"]


def decode(text: str) -> Carried:
    origin, attributes, named = ([*text.split(_SEP), "", ""])[:3]
    words = tuple(a for a in attributes.split(",") if a)
    return Carried(words, origin, tuple(a for a in named.split(",") if a))


def named(*attributes: str) -> Carried:
    """Attributes the code names itself (a column, an attribute of a frame)."""
    return Carried(attributes, named=attributes)


def learn(targets: list[ast.expr], ctx: Context) -> None:
    """After `targets = value`: each target name carries what the value carries, as the
    walk of the statement collected it in `ctx.carrying` (names that carry something,
    sensitive column names, datasets loaded)."""
    carried = NOTHING
    for piece in ctx.carrying:
        carried = carried.union(piece)
    encoded = carried.encode() if carried else None
    bound = ctx.names.bound
    for target in targets:
        for name in _names(target):
            if encoded is not None:
                bound[CARRIES + name] = encoded
            else:
                bound.pop(CARRIES + name, None)


def column(text: str, ctx: Context) -> None:
    """During an assignment's walk: a string or attribute that names a sensitive column."""
    if len(text) <= MAX_NAME and ctx.catalogue.words.sensitive(text):
        ctx.carrying.append(named(text))


def carries(node: ast.AST, ctx: Context) -> Carried:
    """The sensitive attributes an expression carries: column names it mentions, names that
    carry some, and datasets loaded inside it."""
    found = NOTHING
    for child in nodes(node, MAX_NODES + 1):
        carried = _carried_at(child, ctx)
        if carried:  # most nodes carry nothing: no union to make
            found = found.union(carried)
    return found


def _carried_at(node: ast.AST, ctx: Context) -> Carried:
    if isinstance(node, ast.Name):
        text = ctx.names.bound.get(CARRIES + node.id)
        return decode(text) if text else NOTHING
    if isinstance(node, ast.Constant):
        column = constant_string(node)
        if column and len(column) <= MAX_NAME and ctx.catalogue.words.sensitive(column):
            return named(column)
        return NOTHING
    if isinstance(node, ast.Attribute) and ctx.catalogue.words.sensitive(node.attr):
        return named(node.attr) if isinstance(node.value, ast.Name) else NOTHING
    return NOTHING


def judge(node: ast.AST | None, ctx: Context) -> tuple[Verdict, Carried]:
    """Whether a group argument names a sensitive attribute (`"sex"`, `X["sex"]`, a name
    carrying one), clearly does not (another column, a random array, a function), or cannot
    be told from the code."""
    if node is None:
        return "unknown", NOTHING
    texts = _strings(node)
    if texts is not None:
        found = tuple(t for t in texts if len(t) <= MAX_NAME and ctx.catalogue.words.sensitive(t))
        return ("sensitive", named(*found)) if found else ("not", NOTHING)
    if isinstance(node, ast.Constant):  # `...`, None, a number: a placeholder names no group
        return "not", NOTHING
    if isinstance(node, ast.Subscript):
        keys = _keys(node.slice)
        if keys:
            found = tuple(k for k in keys if ctx.catalogue.words.sensitive(k))
            if found:
                return "sensitive", named(*found)
            receiver = carries(node.value, ctx)
            return ("sensitive", receiver) if receiver else ("not", NOTHING)
    carried = carries(node, ctx)
    if carried:
        return "sensitive", carried
    return ("not", NOTHING) if _clearly_not_groups(node, ctx) else ("unknown", NOTHING)


def _strings(node: ast.AST) -> list[str] | None:
    """The strings of a string constant, or of a list, tuple, set or dict of them (keys of
    AIF360's `[{"sex": 1}]` included); None when the node is anything else."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else None
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        parts = [_strings(e) for e in node.elts]
        if parts and all(p is not None for p in parts):
            return [t for p in parts if p is not None for t in p]
        return None
    if isinstance(node, ast.Dict):
        keys = [k for k in node.keys if k is not None]
        parts = [_strings(k) for k in keys]
        if keys and all(p is not None for p in parts):
            return [t for p in parts if p is not None for t in p]
    return None


def _keys(index: ast.AST) -> list[str]:
    """The column names a subscript selects: `["sex"]`, `[["sex", "race"]]`, or the column
    part of `.loc[rows, "sex"]`."""
    parts = index.elts if isinstance(index, ast.Tuple) else [index]
    return [t for part in parts for t in (_strings(part) or [])]


def _clearly_not_groups(node: ast.AST, ctx: Context) -> bool:
    """A random array, or a function or class itself (not a value it returned)."""
    resolved = ctx.names.resolve(node)
    if ".random." in f".{resolved}" or resolved.startswith("random."):
        return True
    imported = ctx.names.imported(root(resolved))
    return isinstance(node, ast.Name) and imported and not resolved.endswith((")", "]"))


def _names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for element in target.elts for n in _names(element)]
    if isinstance(target, ast.Starred):
        return _names(target.value)
    return []
