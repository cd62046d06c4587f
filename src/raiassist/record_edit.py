"""Editing the record in place: one entry's text added or replaced, or entries removed, every
other byte kept (comments, blank lines, indentation, line endings), and the result proved
before it is written: it must parse to exactly the old record with that one change.
A record written in a way this cannot edit safely (flow style, `entries` twice, anchors an
edit would break) is refused with what to change, and left as it was."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any, NoReturn

from raiassist.errors import Problem, UserError
from raiassist.frozen import frozen

_FIX = (
    "nothing was written; write 'entries:' as a plain block list (one '- id: ...' per "
    "answer, without anchors or aliases) and answer again"
)


@frozen
class _Edit:
    """Replace text[start:end] with `keep`, then (`header`: an `entries:` line and) the
    entry, its dash and keys at the given columns."""

    start: int
    end: int
    dash: int = 2
    key: int = 4
    keep: str = ""
    header: bool = False


def with_entry(
    text: str, before: Any, entry: dict[str, Any], replace: int | None, name: str
) -> str:
    """`text` with `entry` appended to `entries`, or replacing entry number `replace`.
    `before` is the text's parsed data; UserError when the edit cannot be proved."""
    import yaml

    newline = "\r\n" if "\r\n" in text else "\n"
    edit = _plan(text, yaml.compose(text, Loader=yaml.SafeLoader), replace, name)
    head = text[: edit.start] + edit.keep
    block = newline if head and not head.endswith("\n") else ""
    block += ("entries:" + newline if edit.header else "") + _render(entry, edit, newline)
    edited = head + block + text[edit.end :]
    _prove(edited, before, entry, replace, name)
    return edited


def without_entries(text: str, before: Any, indexes: Iterable[int], name: str) -> str:
    """`text` without the entries at `indexes` (their lines, comments on them included).
    `before` is the text's parsed data; UserError when the edit cannot be proved."""
    import yaml

    gone = sorted(set(indexes), reverse=True)
    if not gone:
        return text
    items = _entries_node(text, yaml.compose(text, Loader=yaml.SafeLoader), name)
    edited = text
    for index in gone:  # from the end, so earlier spans keep their offsets
        item = items[index]
        edited = edited[: _item_start(text, item, name)] + edited[_item_end(text, item) :]
    expected = copy.deepcopy(before)
    expected["entries"] = [e for i, e in enumerate(before["entries"]) if i not in gone]
    _check(edited, expected, name, "removing the answer")
    return edited


def _entries_node(text: str, root: Any, name: str) -> list[Any]:
    """The items of the record's block list `entries`, or UserError when it is not one."""
    import yaml

    found = [] if not isinstance(root, yaml.MappingNode) else root.value
    found = [v for k, v in found if getattr(k, "value", None) == "entries"]
    if len(found) != 1 or not isinstance(found[0], yaml.SequenceNode) or found[0].flow_style:
        _refuse(name, "'entries' is not one block list")
    items: list[Any] = found[0].value
    return items


def _plan(text: str, root: Any, replace: int | None, name: str) -> _Edit:
    import yaml

    if root is None:  # empty, or comments only
        return _Edit(len(text), len(text), header=True)
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        _refuse(name, "the record is not block YAML ('version: 1' and 'entries:' lines)")
    found = [(k, v) for k, v in root.value if getattr(k, "value", None) == "entries"]
    if len(found) > 1:
        _refuse(name, f"'entries' appears {len(found)} times; keep one list")
    if not found:
        return _Edit(len(text), len(text), header=True)
    key, value = found[0]
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        return _in_list(text, value.value, replace, name)
    if _empty(value):
        # `entries:`, `entries: []` or `entries: ~`: the value goes, the entry follows its line
        end = _line_end(text, value.end_mark.index)
        keep = text[value.end_mark.index : end]
        column = key.start_mark.column
        return _Edit(value.start_mark.index, end, column + 2, column + 4, keep)
    flow = isinstance(value, yaml.SequenceNode) and value.flow_style
    _refuse(
        name, "'entries' is written in flow style ([...])" if flow else "'entries' is not a list"
    )


def _empty(node: Any) -> bool:
    """`[]`, or a null (`~`, `null`, nothing at all)."""
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return not node.value
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _in_list(text: str, items: list[Any], replace: int | None, name: str) -> _Edit:
    item = items[-1 if replace is None else replace]
    start, end = _item_start(text, item, name), _item_end(text, item)
    dash = text.index("-", start) - start
    key = item.start_mark.column if item.start_mark.line == text.count("\n", 0, start) else 0
    key = key if key > dash + 1 else dash + 2
    return _Edit(end if replace is None else start, end, dash, key)


def _item_start(text: str, item: Any, name: str) -> int:
    """The start of the line holding an item's dash."""
    dash = text.rfind("-", 0, item.start_mark.index)
    line = text.rfind("\n", 0, dash) + 1
    if dash < 0 or text[line:dash].strip() or text[dash + 1 : item.start_mark.index].strip():
        _refuse(name, "an entry does not start with '- ' on a line of its own")
    return line


def _item_end(text: str, item: Any) -> int:
    """The end of an item's last line (with its line break): its last value, then the rest
    of that line (a comment, say). A block scalar's end mark lies past its trailing line
    breaks; then the item ends where that mark's line starts."""
    import yaml

    node = item
    while isinstance(node, yaml.CollectionNode) and node.value and not node.flow_style:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    index = node.end_mark.index
    line = text.rfind("\n", 0, index) + 1
    return line if not text[line:index].strip() else _line_end(text, index)


def _line_end(text: str, index: int) -> int:
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _render(entry: dict[str, Any], edit: _Edit, newline: str) -> str:
    import yaml

    dumped = yaml.safe_dump(entry, sort_keys=False, allow_unicode=True, width=88)
    lines = dumped.splitlines()
    first = " " * edit.dash + "-" + " " * (edit.key - edit.dash - 1) + lines[0]
    return newline.join([first, *(" " * edit.key + line for line in lines[1:])]) + newline


def _prove(edited: str, before: Any, entry: dict[str, Any], replace: int | None, name: str) -> None:
    """The edited text must parse to the old data with exactly this entry added or replaced."""
    import yaml

    expected = copy.deepcopy(before) if isinstance(before, dict) else {}
    entries = list(expected.get("entries") or [])
    written = yaml.safe_load(yaml.safe_dump(entry, sort_keys=False, allow_unicode=True))
    if replace is None:
        entries.append(written)
    else:
        entries[replace] = written
    expected["entries"] = entries
    _check(edited, expected, name, "adding the answer here")


def _check(edited: str, expected: dict[str, Any], name: str, what: str) -> None:
    import yaml

    try:
        after = yaml.safe_load(edited)
    except yaml.YAMLError:
        after = None
    if isinstance(after, dict) and after.get("entries") is None and not expected["entries"]:
        after = {**after, "entries": []}  # the last entry went: `entries:` is left empty
    if after != expected:
        _refuse(name, f"{what} would change other parts of the record")


def _refuse(name: str, why: str) -> NoReturn:
    raise UserError([Problem(name, f"{why}; {_FIX}")])
