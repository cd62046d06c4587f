"""Signals and evidence the catalogue defines: what a library's calls mean, what a loaded
dataset carries, what a string such as a documented API endpoint shows.

This is the engine over `guidance/catalogue/*.yaml` (and an organisation's catalogues):
supporting a new library is a catalogue entry and a fixture line, not code here. What it
does itself is only what needs code: a call's arguments checked against an entry's `where`,
group arguments judged by what they carry (`raiassist.flows`), and a training call on data
that came from a dataset with sensitive attributes.
"""

from __future__ import annotations

import ast
import re
from typing import Final

from raiassist import flows
from raiassist.catalogue.model import Arg, CallRule, Cond, Entry, StringMeaning
from raiassist.detectors._helpers import short
from raiassist.names import keyword, nodes
from raiassist.scan import Context, Hit, Kind

KIND: Final = "catalogue"  # the names it produces are the catalogue's `means`
CALL_ANY = True
MAX_MENTION_NODES = 200
MAX_FOREIGN = 100_000  # of a cell in another language, the part whose strings are read
MAX_SOURCE = 300  # of a file name a table is read from, the part whose words are read


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    rules = ctx.catalogue.rules_for_call(resolved)
    if rules:
        _matched(node, short(resolved), rules, ctx)


def _matched(node: ast.Call, plain: str, rules: tuple[CallRule, ...], ctx: Context) -> None:
    done: set[str] = set()
    for rule in rules:
        if rule.where is not None and not holds(rule.where, node, ctx):
            continue
        names = [n for n in rule.means if n not in done]
        for spec in rule.columns:
            _columns(argument(spec, node), ctx)
        if rule.dataset is not None:
            _loaded(rule, node, ctx)
        if rule.groups:
            _grouped(rule, names, node, plain, ctx)
        elif rule.fallback:
            for name in names:
                hit = _new(ctx, name, node, _detail(rule, name, plain, ctx), rule.entry)
                ctx.state.setdefault("fallbacks", []).append(hit)
        else:
            for name in names:
                detail, subject = _detail(rule, name, plain, ctx), _subject(node, name, ctx)
                ctx.hits.append(_new(ctx, name, node, detail, rule.entry, subject))
        done.update(names)
    if "trains-model" in done:
        _trains_on_dataset(node, ctx)
    if "loads-tabular-data" in done:
        _source_file(node, ctx)


STRING_HINTS: tuple[str, ...] = ()  # any string: the catalogue's texts are checked at once
_MODEL_ID = re.compile(r"[\w.-]{1,96}/[\w.-]{1,96}")
MAX_MARKERS = 20
FILE_ENDINGS = (
    *(".csv", ".json", ".jsonl", ".txt", ".tsv", ".parquet", ".xlsx", ".xls", ".pkl", ".pt"),
    *(".pth", ".bin", ".h5", ".png", ".jpg", ".jpeg", ".zip", ".gz", ".npy"),
)


def _model_id(text: str) -> bool:
    """`owner/name` as model hubs name models, not a path to a file."""
    return _MODEL_ID.fullmatch(text) is not None and not text.lower().endswith(FILE_ENDINGS)


def on_string(text: str, node: ast.AST, ctx: Context) -> None:
    for rule in ctx.catalogue.strings_in(text):
        if rule.shape == "model-id" and not _model_id(text):
            continue
        for name in rule.means:
            if rule.groups_after:
                _configured_groups(rule, name, text, node, ctx)
                continue
            detail = ctx.catalogue.phrase(name).format(call=rule.entry.name, name=rule.entry.name)
            ctx.hits.append(_new(ctx, name, node, detail, rule.entry))


def _quoted(text: str, start: int) -> str | None:
    """The quoted word after a marker (`feature_keys: ["race"]` gives race), or None."""
    rest = text[start : start + 100].lstrip(" \t[")
    if not rest or rest[0] not in "\"'":
        return None
    end = rest.find(rest[0], 1)
    word = rest[1:end] if 1 < end <= 65 else ""
    return word if word and "\n" not in word else None


def _configured_groups(
    rule: StringMeaning, name: str, text: str, node: ast.AST, ctx: Context
) -> None:
    """Group names written in configuration text after a marker (`feature_keys: 'race'`)."""
    lowered = text.lower()
    names: list[str] = []
    opaque = False
    for marker in rule.groups_after:
        start = lowered.find(marker.lower())
        for _ in range(MAX_MARKERS):
            if start < 0:
                break
            found = _quoted(text, start + len(marker))
            if found is None or any(c in found for c in "%{"):
                opaque = True
            elif ctx.catalogue.words.sensitive(found):
                names.append(found)
            start = lowered.find(marker.lower(), start + len(marker))
    detail = rule.entry.name
    if names:
        by = ", ".join(f"'{n}'" for n in dict.fromkeys(names))
        entry = rule.entry
        ctx.hits.append(_new(ctx, name, node, f"{detail} by {by}", entry, names[0]))
        what = f"sensitive feature {by} of {detail}"
        ctx.hits.append(_new(ctx, "sensitive-attribute", node, what, entry, names[0]))
    elif opaque:
        hit = _new(ctx, name, node, detail + " (groups given elsewhere)", rule.entry)
        ctx.state.setdefault("opaque-groups", []).append(hit)


def on_finish(ctx: Context) -> None:
    """Group-wise calls whose groups could not be told from the code count when the
    document names a sensitive attribute elsewhere; a fallback entry (a client that is only
    passed on) counts when nothing else in the document means the same."""
    named = any(h.name in ("sensitive-attribute", "sensitive-dataset") for h in ctx.hits)
    for hit in ctx.state.get("opaque-groups", []):
        if named:
            ctx.hits.append(hit)
    found = {h.name for h in ctx.hits}
    for hit in ctx.state.get("fallbacks", []):
        if hit.name not in found:
            ctx.hits.append(hit)
            found.add(hit.name)


def holds(cond: Cond, node: ast.Call, ctx: Context) -> bool:
    """Whether a call meets every condition of an entry's `where`."""
    given = {k.arg for k in node.keywords if k.arg}
    checks = (
        cond.positional_at_least is None or len(node.args) >= cond.positional_at_least,
        not cond.keywords or bool(cond.keywords & given),
        not cond.missing or not (cond.missing & given),
        not cond.truthy or any(k.arg in cond.truthy and _truthy(k.value) for k in node.keywords),
        cond.argument is None or _argument_holds(cond.argument, node),
        not cond.mentions or _mentions(node, cond.mentions),
        not cond.imports or any(ctx.names.imported(p) for p in cond.imports),
        not cond.any or any(holds(c, node, ctx) for c in cond.any),
    )
    return all(checks)


def argument(arg: Arg, node: ast.Call) -> ast.expr | None:
    """The expression passed for an argument, by keyword or by position."""
    found = next((keyword(node, k) for k in arg.keywords if keyword(node, k) is not None), None)
    if found is None and arg.position is not None and arg.position < len(node.args):
        candidate = node.args[arg.position]
        if not any(isinstance(a, ast.Starred) for a in node.args[: arg.position + 1]):
            found = candidate
    return found


def _argument_holds(arg: Arg, node: ast.Call) -> bool:
    value = argument(arg, node)
    if value is None:
        return False
    if arg.values:
        constant = value.value if isinstance(value, ast.Constant) else None
        if isinstance(constant, str):
            constant = constant.lower()
        if not isinstance(constant, str | int) or constant not in arg.values:
            return False
    if arg.contains:
        texts = [c.value.lower() for c in _walk(value) if _is_text(c)]  # type: ignore[attr-defined]
        return any(word in text for text in texts for word in arg.contains)
    return True


def _mentions(node: ast.Call, words: tuple[str, ...]) -> bool:
    texts = []
    for part in [*node.args, *(k.value for k in node.keywords)]:
        for child in _walk(part):
            if _is_text(child):
                texts.append(child.value.lower())  # type: ignore[attr-defined]
            elif isinstance(child, ast.Attribute):
                texts.append(child.attr.lower())
            elif isinstance(child, ast.Name):
                texts.append(child.id.lower())
    return any(word in text for text in texts for word in words)


def _walk(node: ast.AST) -> list[ast.AST]:
    return nodes(node, MAX_MENTION_NODES)


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _truthy(node: ast.AST) -> bool:
    return not (isinstance(node, ast.Constant) and node.value in (None, False))


def _columns(value: ast.AST | None, ctx: Context) -> None:
    """The names in an argument that names columns, read like any column name."""
    if value is None:
        return
    for child in _walk(value):
        if _is_text(child) and len(child.value) <= flows.MAX_NAME:  # type: ignore[attr-defined]
            ctx.column(child.value, child)  # type: ignore[attr-defined]


def _loaded(rule: CallRule, node: ast.Call, ctx: Context) -> None:
    """What this call's result carries goes to the assignment that takes it."""
    dataset = rule.dataset
    if dataset is not None and dataset.sensitive and ctx.tracking:
        ctx.carrying.append(flows.Carried(dataset.sensitive, rule.entry.id))


def _grouped(rule: CallRule, names: list[str], node: ast.Call, plain: str, ctx: Context) -> None:
    verdicts = [flows.judge(argument(arg, node), ctx) for arg in rule.groups]
    named = [c for verdict, c in verdicts if verdict == "sensitive"]
    if not named and any(verdict == "unknown" for verdict, _ in verdicts):
        for name in names:
            detail = _detail(rule, name, plain, ctx) + " (groups given elsewhere)"
            ctx.state.setdefault("opaque-groups", []).append(
                _new(ctx, name, node, detail, rule.entry)
            )
        return
    if not named:
        return
    carried = named[0]
    for other in named[1:]:
        carried = carried.union(other)
    by = ", ".join(f"'{a}'" for a in carried.shown[:3])
    for name in names:
        detail = f"{_detail(rule, name, plain, ctx)} by {by}"
        ctx.hits.append(_new(ctx, name, node, detail, rule.entry, carried.shown[0]))
    what = f"sensitive feature {by} of {short(plain)}"
    ctx.hits.append(_new(ctx, "sensitive-attribute", node, what, rule.entry, carried.shown[0]))


def _source_file(node: ast.Call, ctx: Context) -> None:
    """The file a table is read from can name its domain (`read_csv("loans_2024.csv")`)."""
    source = node.args[0] if node.args else None
    if isinstance(source, ast.Constant) and isinstance(source.value, str):
        name = source.value[:MAX_SOURCE].rsplit("/", 1)[-1]
        domain = ctx.catalogue.words.domain(name)
        if domain:
            detail = f"data '{name}' suggests {domain}"
            ctx.hit("consequential-domain", "signal", node, detail, domain)


def _trains_on_dataset(node: ast.Call, ctx: Context) -> None:
    carried = flows.NOTHING
    for part in [*node.args, *(k.value for k in node.keywords)]:
        carried = carried.union(flows.carries(part, ctx))
    entry = ctx.catalogue.entries.get(carried.origin) if carried.origin else None
    if entry is not None:
        attributes = ", ".join(carried.attributes[:6])
        detail = f"trains on {entry.name} data ({attributes})"
        ctx.hit("sensitive-dataset", "signal", node, detail, entry.name, entry)


def _new(
    ctx: Context, name: str, node: ast.AST, detail: str, entry: Entry | None, subject: str = ""
) -> Hit:
    """A hit of a catalogue name here, a signal or evidence as the vocabulary has it."""
    return Hit(name, _kind(ctx, name), ctx.at(node), detail, subject, entry=entry)


def _detail(rule: CallRule, name: str, plain: str, ctx: Context) -> str:
    dataset = rule.dataset
    if dataset is not None:
        domain = f" ({dataset.domain} data)" if name == "consequential-domain" else ""
        return f"loads {dataset.name}{domain}"
    return (rule.says or ctx.catalogue.phrase(name)).format(
        call=plain, name=plain.rsplit(".", 1)[-1]
    )


def _subject(node: ast.Call, name: str, ctx: Context) -> str:
    """What later steps build on: the two arrays an overall metric compares
    (`y_test|y_pred`), or the variable a table is read into."""
    if name == "loads-tabular-data":
        statement = ctx.statement
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            return statement.targets[0].id
        return ""
    if name != "aggregate-metrics" or len(node.args) < 2:
        return ""
    first, second = node.args[:2]
    if isinstance(first, ast.Name) and isinstance(second, ast.Name):
        return f"{first.id}|{second.id}"
    return ""


def _kind(ctx: Context, name: str) -> Kind:
    return "evidence" if name in ctx.catalogue.evidence else "signal"
