"""Class 5: bounded. Only regular files are read (a FIFO, a device or a socket is skipped
with a note, or refused where a file is required); input over the one size limit is
refused with the one message wherever it enters (files, packs, the record, HTTP bodies,
editor buffers); a YAML alias bomb is refused before it is expanded."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_lsp import LanguageClient

from raiassist.safe_read import MAX_INPUT_BYTES
from tests.helpers import FIXTURES, run_cli
from tests.hostile.generate import project
from tests.jupyter.conftest import NOTEBOOK, Api
from tests.lsp.conftest import published
from tests.lsp.helpers import open_text

PACKS = FIXTURES / "hostile" / "packs"
QUICK = 60  # seconds: a read that waits on a FIFO or /dev/zero never ends
LIMIT = f"larger than {MAX_INPUT_BYTES // 2**20} MB"


def fifo(path: Path) -> None:
    os.mkfifo(path)


def zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def urandom(path: Path) -> None:
    path.symlink_to("/dev/urandom")


def sock(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # left bound until the test ends: connect() would succeed


def huge(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_INPUT_BYTES + 1)


SPECIAL = {"fifo": fifo, "dev-zero": zero, "dev-urandom": urandom, "socket": sock}
Make = Callable[[Path], None]


@pytest.mark.parametrize("make", SPECIAL.values(), ids=SPECIAL.keys())
@pytest.mark.parametrize("name", ["f.py", "nb.ipynb"])
def test_a_special_file_among_the_checked_is_skipped_with_a_note(
    tmp_path: Path, make: Make, name: str
) -> None:
    folder = project(tmp_path)
    make(folder / name)
    for target in (folder, folder / name):  # found by the walk, and named on the command line
        result = run_cli("check", str(target), "--format", "json", timeout=QUICK)
        assert result.returncode in (0, 1), result.stderr
        files = json.loads(result.stdout)["files"]  # a link is shown where it leads
        skipped = [f for f in files if not f["path"].endswith("train.py")]
        assert len(skipped) == 1 and skipped[0]["error"] is None, files
        assert skipped[0]["notes"][0].startswith("skipped: "), skipped
        assert "not a regular file" in skipped[0]["notes"][0]


@pytest.mark.parametrize("make", [*SPECIAL.values(), huge], ids=[*SPECIAL, "huge"])
def test_a_record_that_is_not_a_readable_file_stops_check_with_a_message(
    tmp_path: Path, make: Make
) -> None:
    folder = project(tmp_path)
    make(folder / "responsible-ai.yaml")
    result = run_cli("check", str(folder), timeout=QUICK)
    assert result.returncode == 2
    assert "responsible-ai.yaml: cannot read the record:" in result.stderr


@pytest.mark.parametrize("make", [*SPECIAL.values(), huge], ids=[*SPECIAL, "huge"])
@pytest.mark.parametrize("how", ["--pack", "extends"])
def test_a_pack_that_is_not_a_readable_file_is_refused(
    tmp_path: Path, make: Make, how: str
) -> None:
    folder = project(tmp_path)
    make(folder / "org.yaml")
    if how == "extends":
        (folder / "top.yaml").write_text(
            'schema: raiassist-pack/1\nid: top\ntitle: Top\nversion: "1"\nextends: org.yaml\n'
        )
    pack = "org.yaml" if how == "--pack" else "top.yaml"
    result = run_cli("check", str(folder), "--pack", pack, cwd=folder, timeout=QUICK)
    assert result.returncode == 2
    shown = result.stderr.split(": cannot read the pack file: ")[0]  # where a link leads
    assert shown.endswith(("org.yaml", "/dev/zero", "/dev/urandom")), result.stderr


def test_a_file_over_the_limit_is_one_clear_error(tmp_path: Path) -> None:
    folder = project(tmp_path)
    huge(folder / "big.py")
    result = run_cli("check", str(folder), "--format", "json", timeout=QUICK)
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["big.py"]["error"] == f"cannot read: {LIMIT}, raiassist's limit for any input"


def test_an_alias_bomb_in_a_pack_is_refused_quickly(tmp_path: Path) -> None:
    folder = project(tmp_path)
    result = run_cli("check", str(folder), "--pack", str(PACKS / "alias-bomb.yaml"), timeout=QUICK)
    assert result.returncode == 2
    assert "alias-bomb.yaml:13: holds more than" in result.stderr


def test_an_alias_bomb_in_the_record_is_refused_quickly(tmp_path: Path) -> None:
    folder = project(tmp_path)
    bomb = "\n".join(
        ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    )
    (folder / "responsible-ai.yaml").write_text(bomb + "\nversion: 1\n")
    result = run_cli("check", str(folder), timeout=QUICK)
    assert result.returncode == 2 and "holds more than" in result.stderr


def test_the_notebook_server_refuses_a_body_over_the_limit(api: Api, root: Path) -> None:
    before = (root / "examples" / "responsible-ai.yaml").read_bytes()
    padding = "x" * (MAX_INPUT_BYTES + 1)
    for endpoint in ("checklist", "answer"):
        status, data = api(endpoint, json.dumps({"path": NOTEBOOK, "pad": padding}))
        assert status == 413 and LIMIT in data["message"]
    assert (root / "examples" / "responsible-ai.yaml").read_bytes() == before


async def test_the_language_server_refuses_a_buffer_over_the_limit(
    client: LanguageClient, tmp_path: Path
) -> None:
    folder = project(tmp_path)
    text = "import pandas as pd\n" + "#" * MAX_INPUT_BYTES
    uri = open_text(client, folder / "big.py", text)
    items = await published(client, uri, lambda d: bool(d), timeout=60)
    assert [d.code for d in items] == ["RA001"] and LIMIT in items[0].message
