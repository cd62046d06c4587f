"""Class 2: the record survives any hand edit. Each fixture under
`tests/fixtures/hostile/records/` is a way people write YAML; an answer is either added in
place (the result parses to the old entries plus the new one, and every other byte, line
ending and indentation stays) or refused with exit 2, naming the file, leaving it as it was.
Then the places the record can be: behind a link, read-only, a folder, a dangling link, a
missing folder, beside a leftover temporary file."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from raiassist.record import add_entry, load_record
from tests.helpers import FIXTURES, run_cli
from tests.test_record import entry

RECORDS = FIXTURES / "hostile" / "records"
EDITABLE = [
    "zero-indent.yaml",
    "four-indent.yaml",
    "no-final-newline.yaml",
    "crlf.yaml",
    "block-scalars.yaml",
    "anchors.yaml",
]
REFUSED = {
    "flow-entries.yaml": "written in flow style",
    "duplicate-entries.yaml": "'entries' appears 2 times",
    "flow-top.yaml": "not block YAML",
}
DASHES = {"zero-indent.yaml": "- id: F2.5", "four-indent.yaml": "    -   id: F2.5"}


def project(tmp_path: Path, record: str | None) -> Path:
    """A project with a notebook-free script and the given record fixture."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "raiassist.toml").write_text("")
    (folder / "train.py").write_text("import pandas as pd\ndf = pd.read_csv('a.csv')\n")
    if record:
        shutil.copyfile(RECORDS / record, folder / "responsible-ai.yaml")
    return folder


def attest(folder: Path, requirement: str = "F2.5", note: str = "Rates compared, RAI-9."):
    return run_cli("attest", requirement, "--note", note, "--by", "Dee", cwd=folder)


@pytest.mark.parametrize("name", EDITABLE)
def test_an_answer_is_added_in_place_keeping_every_other_byte(tmp_path: Path, name: str) -> None:
    folder = project(tmp_path, name)
    record = folder / "responsible-ai.yaml"
    before, old = record.read_bytes(), load_record(record).entries
    result = attest(folder)
    assert result.returncode == 0, result.stderr
    after = record.read_bytes()
    assert [e.id for e in load_record(record).entries] == [*(e.id for e in old), "F2.5"]
    inserted = _inserted(before, after)
    assert inserted.lstrip(b"\r\n").decode().startswith(DASHES.get(name, "  - id: F2.5"))
    if b"\r\n" in before:
        assert after.count(b"\n") == after.count(b"\r\n"), "line endings kept"


@pytest.mark.parametrize("name", ["four-indent.yaml", "block-scalars.yaml", "crlf.yaml"])
def test_answering_again_replaces_only_that_entry(tmp_path: Path, name: str) -> None:
    folder = project(tmp_path, name)
    record = folder / "responsible-ai.yaml"
    old = load_record(record).entries
    result = attest(folder, "A1.2", "Re-approved, RAI-12.")
    assert result.returncode == 0, result.stderr
    new = load_record(record).entries
    assert [e.id for e in new] == [e.id for e in old]
    assert new[0].note == "Re-approved, RAI-12." and new[1:] == old[1:]
    lines = (RECORDS / name).read_bytes().splitlines()
    comments = [line for line in lines if line.strip().startswith(b"#")]
    assert all(line in record.read_bytes() for line in comments), "comment lines kept"


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_record_that_cannot_be_edited_safely_is_refused_untouched(
    tmp_path: Path, name: str
) -> None:
    folder = project(tmp_path, name)
    before = (folder / "responsible-ai.yaml").read_bytes()
    result = attest(folder)
    assert result.returncode == 2
    assert "responsible-ai.yaml" in result.stderr and REFUSED[name] in result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert (folder / "responsible-ai.yaml").read_bytes() == before


def test_an_edit_that_would_break_an_alias_is_refused(tmp_path: Path) -> None:
    folder = project(tmp_path, "anchors.yaml")
    before = (folder / "responsible-ai.yaml").read_bytes()
    result = attest(folder, "F1.5", "Per-group results in eval.ipynb, cell 9.")
    assert result.returncode == 2 and "change other parts of the record" in result.stderr
    assert (folder / "responsible-ai.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda r: r.mkdir(), "is a folder"),
        (lambda r: r.symlink_to(r.parent / "gone.yaml"), "which does not exist"),
        (lambda r: (shutil.copyfile(RECORDS / "zero-indent.yaml", r), r.chmod(0o444)), "read-only"),
    ],
    ids=["folder", "dangling-link", "read-only"],
)
def test_a_record_that_is_not_a_writable_file_is_refused(tmp_path: Path, make, says: str) -> None:
    folder = project(tmp_path, None)
    make(folder / "responsible-ai.yaml")
    result = attest(folder)
    assert (result.returncode, says in result.stderr) == (2, True), result.stderr
    assert "Traceback" not in result.stderr


def test_a_record_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    folder = project(tmp_path, None)
    (folder / "raiassist.toml").write_text('record = "rai/answers/record.yaml"\n')
    result = attest(folder)
    assert result.returncode == 2 and "does not exist; create it first" in result.stderr
    assert not (folder / "rai").exists()


def test_an_unreadable_record_is_an_exit_2_message(tmp_path: Path) -> None:
    folder = project(tmp_path, None)
    (folder / "responsible-ai.yaml").symlink_to("/proc/self/mem")  # reading it fails, even as root
    result = run_cli("check", str(folder))
    assert result.returncode == 2
    assert "responsible-ai.yaml: cannot read the record" in result.stderr


def test_a_leftover_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    folder = project(tmp_path, "zero-indent.yaml")
    leftover = folder / ".responsible-ai.yaml.k1ll3d00.tmp"
    leftover.write_text("version: 1\nentries: [half")
    result = attest(folder)
    assert result.returncode == 0, result.stderr
    assert not leftover.exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def _answer_many(path: str, worker: int) -> None:
    for n in range(10):
        add_entry(Path(path), entry(f"F1.{n + 1}", scope=f"w{worker}/nb{n}.ipynb"))


def test_a_record_shared_through_a_link_is_locked_where_it_lives(tmp_path: Path) -> None:
    """Two projects, one record: the outer project's record is a link to the inner one's.
    Writers through either name must wait for each other."""
    inner = tmp_path / "outer" / "inner"
    inner.mkdir(parents=True)
    shutil.copyfile(RECORDS / "zero-indent.yaml", inner / "responsible-ai.yaml")
    (tmp_path / "outer" / "responsible-ai.yaml").symlink_to("inner/responsible-ai.yaml")
    names = [tmp_path / "outer" / "responsible-ai.yaml", inner / "responsible-ai.yaml"]
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_answer_many, args=(str(names[w % 2]), w)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    scopes = {e.scope for e in load_record(names[1]).entries}
    assert {f"w{w}/nb{n}.ipynb" for w in range(4) for n in range(10)} <= scopes
    assert names[0].is_symlink(), "the link still points where it did"


def _inserted(before: bytes, after: bytes) -> bytes:
    """The one run of bytes `after` has and `before` has not (and nothing else changed)."""
    start = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), len(before)
    )
    end = 0
    while (
        end < len(before) - start and before[len(before) - 1 - end] == after[len(after) - 1 - end]
    ):
        end += 1
    assert start + end == len(before), "bytes other than the new entry's changed"
    return after[start : len(after) - end]
