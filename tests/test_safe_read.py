"""safe_read: only regular files, one size limit, YAML bounded in depth and alias expansion."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from raiassist.errors import UserError
from raiassist.safe_read import (
    MAX_INPUT_BYTES,
    MAX_YAML_DEPTH,
    Unreadable,
    load_yaml,
    read_bytes,
    read_text,
    real,
)


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"caf\xc3\xa9")
    assert read_bytes(tmp_path / "a.txt") == b"caf\xc3\xa9"
    assert read_text(tmp_path / "a.txt", "a.txt") == "café"


def test_what_is_not_a_regular_file_is_unreadable_and_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")  # opening it to read would wait for a writer forever
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "folder").mkdir()
    reasons = {}
    for name in ("pipe", "zero", "folder", "missing"):
        with pytest.raises(Unreadable) as caught:
            read_bytes(tmp_path / name)
        reasons[name] = (caught.value.reason, caught.value.missing, caught.value.special)
    assert reasons == {
        "pipe": ("a FIFO (named pipe), not a regular file", False, True),
        "zero": ("a character device, not a regular file", False, True),
        "folder": ("a folder, not a regular file", False, False),
        "missing": ("No such file or directory", True, False),
    }


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    with (tmp_path / "big").open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(UserError, match=r"big: cannot read the pack: larger than 32 MB"):
        read_text(tmp_path / "big", "big", "pack")


def test_a_link_loop_is_no_error_for_real_and_unreadable_for_read(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    assert real(tmp_path / "loop").name == "loop"
    with pytest.raises(Unreadable, match="symbolic links form a loop"):
        read_bytes(tmp_path / "loop")


def test_yaml_is_parsed_safely_from_text_or_file(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("a: [1, 2]\nb: &x {c: d}\ne: *x\n")
    assert load_yaml(tmp_path / "p.yaml", "p.yaml") == {
        "a": [1, 2],
        "b": {"c": "d"},
        "e": {"c": "d"},
    }
    with pytest.raises(UserError, match=r"p.yaml:2: not valid YAML"):
        load_yaml("a: 1\n b: [\n", "p.yaml")
    with pytest.raises(UserError, match="not valid YAML"):
        load_yaml("!!python/object:os.system {}\n", "p.yaml")


def test_yaml_nested_too_deeply_is_refused_at_its_line() -> None:
    deep = "k:\n" + "".join("  " * i + "- \n" for i in range(1, MAX_YAML_DEPTH + 2))
    load_yaml("k: " + "[" * (MAX_YAML_DEPTH - 1) + "]" * (MAX_YAML_DEPTH - 1), "ok.yaml")
    with pytest.raises(UserError, match=r"deep.yaml:\d+: nested more than 64 levels deep"):
        load_yaml(deep, "deep.yaml")


def test_aliases_are_followed_within_a_budget() -> None:
    shared = "base: &b [" + ", ".join(["x"] * 100) + "]\n"
    uses = "".join(f"u{i}: *b\n" for i in range(100))  # 10,000 values: fine
    assert len(load_yaml(shared + uses, "ok.yaml")) == 101
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 7)
    )
    with pytest.raises(UserError, match=r"bomb.yaml:\d+: holds more than 200000 values"):
        load_yaml(bomb, "bomb.yaml")


def test_aliases_that_nest_deeply_once_expanded_are_refused() -> None:
    chain = "a0: &a0 [x]\n" + "".join(f"a{n}: &a{n} [*a{n - 1}]\n" for n in range(1, 70))
    with pytest.raises(UserError, match="nested more than 64 levels deep"):
        load_yaml(chain, "chain.yaml")
