"""The record: read, validate, and write answers atomically without touching other bytes."""

from __future__ import annotations

import datetime as dt
import difflib
import multiprocessing
import shutil
from pathlib import Path

import pytest

from raiassist.errors import UserError
from raiassist.record import Entry, add_entry, load_record, move_scope, remove_entries
from tests.helpers import FIXTURES

RECORDS = FIXTURES / "records"
TODAY = dt.date(2026, 11, 27)


def entry(id: str = "F1.5", **changes: object) -> Entry:
    fields: dict[str, object] = {
        "id": id,
        "answer": "attested",
        "by": "Dee <dee@example.com>",
        "date": TODAY,
        "note": "MetricFrame by sex in eval.ipynb",
    }
    fields.update(changes)
    return Entry(**fields)  # type: ignore[arg-type]


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / "responsible-ai.yaml"
    shutil.copy(RECORDS / name, target)
    return target


def test_reads_entries_with_scopes_and_expiry(tmp_path: Path) -> None:
    record = load_record(copy("commented.yaml", tmp_path))
    assert [(e.id, e.answer, e.scope) for e in record.entries] == [
        ("A1.2", "attested", "project"),
        ("RS3.9", "not-applicable", "notebooks/"),
    ]
    na = record.entries[1]
    assert na.covers("notebooks/eda.ipynb") and not na.covers("train.py")
    assert na.expired(TODAY) and not record.entries[0].expired(TODAY)


def test_adding_an_entry_keeps_every_other_byte(tmp_path: Path) -> None:
    path = copy("commented.yaml", tmp_path)
    before = path.read_text()
    add_entry(path, entry())
    after = path.read_text()
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    changes = [op for op in difflib.SequenceMatcher(a=old, b=new).get_opcodes() if op[0] != "equal"]
    assert [op[0] for op in changes] == ["insert"], "only one block is added"
    block = "".join(new[changes[0][3] : changes[0][4]])
    assert block.startswith("  - id: F1.5\n") and "note: MetricFrame by sex in eval.ipynb" in block
    assert [e.id for e in load_record(path).entries] == ["A1.2", "RS3.9", "F1.5"]


def test_same_id_scope_and_answer_replaces_only_that_entry(tmp_path: Path) -> None:
    path = copy("commented.yaml", tmp_path)
    before = path.read_text()
    add_entry(path, entry("A1.2", note="Re-approved after the new intended use."))
    after = path.read_text()
    assert "Impact assessment IA-7" not in after and "Re-approved after" in after
    assert after.startswith(before[: before.index("  - id: A1.2")])
    assert after.endswith(before[before.index("  - id: RS3.9") :])
    assert len(load_record(path).entries) == 2


def test_flow_style_and_missing_files(tmp_path: Path) -> None:
    path = copy("flow-style.yaml", tmp_path)
    add_entry(path, entry())
    assert [e.id for e in load_record(path).entries] == ["F1.5"]
    assert path.read_text().startswith("version: 1\nentries:    # nothing yet\n  - id: F1.5\n")
    fresh = tmp_path / "new" / "responsible-ai.yaml"
    fresh.parent.mkdir()
    add_entry(fresh, entry())
    assert fresh.read_text().startswith("# Responsible AI record")
    assert [e.id for e in load_record(fresh).entries] == ["F1.5"]


def test_invalid_record_names_file_line_and_field(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        load_record(copy("invalid.yaml", tmp_path))
    assert [str(p) for p in caught.value.problems] == [
        "responsible-ai.yaml:3: entries[0]: "
        "an attestation needs a note saying what shows it is met",
        "responsible-ai.yaml:8: entries[1].answer: Input should be 'attested', "
        "'not-applicable' or 'waived'",
    ]


def test_entries_need_their_explanation() -> None:
    with pytest.raises(ValueError, match="needs a reason"):
        entry(answer="waived", note=None)


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy("commented.yaml", tmp_path)
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        add_entry(path, entry())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["responsible-ai.yaml"]


def _write_many(path: str, worker: int) -> None:
    for n in range(15):
        add_entry(Path(path), entry(f"F1.{n + 1}", scope=f"w{worker}/nb{n}.ipynb"))


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = copy("flow-style.yaml", tmp_path)
    context = multiprocessing.get_context("fork")  # the record lock is POSIX-only anyway
    workers = [context.Process(target=_write_many, args=(str(path), w)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    scopes = {e.scope for e in load_record(path).entries}
    assert scopes == {f"w{w}/nb{n}.ipynb" for w in range(4) for n in range(15)}


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line[:1] in "+-"]


def test_answering_again_replaces_every_earlier_answer_for_that_id_and_scope(
    tmp_path: Path,
) -> None:
    path = copy("answered-twice.yaml", tmp_path)
    before = path.read_text()
    add_entry(
        path, entry(answer="not-applicable", note=None, reason="Retired.", scope="train.ipynb")
    )
    entries = load_record(path).entries
    assert [(e.id, e.answer, e.scope) for e in entries] == [
        ("F1.5", "not-applicable", "train.ipynb"),
        ("A1.2", "attested", "project"),
        ("T2.2", "not-applicable", "old-name.ipynb"),
    ]
    after = path.read_text()
    assert "# Written by hand" in after and "# the board's sign-off" in after
    removed = [line for line in _changed_lines(before, after) if line.startswith("-")]
    assert "-     reason: Pilot on synthetic data only." in removed
    assert not any("A1.2" in line or "T2.2" in line for line in _changed_lines(before, after))


def test_an_answer_for_another_scope_is_a_separate_entry(tmp_path: Path) -> None:
    path = copy("answered-twice.yaml", tmp_path)
    add_entry(path, entry(scope="eval.ipynb"))
    assert [e.scope for e in load_record(path).entries if e.id == "F1.5"] == [
        "train.ipynb",
        "train.ipynb",
        "eval.ipynb",
    ]


def test_withdrawing_removes_only_that_id_and_scope(tmp_path: Path) -> None:
    path = copy("answered-twice.yaml", tmp_path)
    before = path.read_text()
    assert remove_entries(path, "F1.5", "train.ipynb") == 2
    after = path.read_text()
    assert [(e.id, e.scope) for e in load_record(path).entries] == [
        ("A1.2", "project"),
        ("T2.2", "old-name.ipynb"),
    ]
    kept = [line for line in before.splitlines() if "F1.5" not in line]
    assert "# the board's sign-off" in after and kept[0] in after
    assert remove_entries(path, "F1.5", "train.ipynb") == 0
    assert path.read_text() == after, "withdrawing nothing leaves the record as it was"


def test_withdrawing_the_last_answer_leaves_a_valid_empty_record(tmp_path: Path) -> None:
    path = tmp_path / "responsible-ai.yaml"
    add_entry(path, entry())
    assert remove_entries(path, "F1.5", "project") == 1
    assert load_record(path).entries == ()
    add_entry(path, entry(id="T2.2"))
    assert [e.id for e in load_record(path).entries] == ["T2.2"]


def test_moving_answers_to_a_renamed_file_keeps_their_content(tmp_path: Path) -> None:
    path = copy("answered-twice.yaml", tmp_path)
    assert move_scope(path, "old-name.ipynb", "new-name.ipynb") == 1
    moved = [e for e in load_record(path).entries if e.id == "T2.2"]
    assert [(e.scope, e.reason, e.by) for e in moved] == [
        ("new-name.ipynb", "No users see this model.", "Ben")
    ]
    assert move_scope(path, "old-name.ipynb", "new-name.ipynb") == 0


def test_moving_onto_a_file_with_its_own_answer_keeps_that_answer(tmp_path: Path) -> None:
    path = copy("answered-twice.yaml", tmp_path)
    add_entry(path, entry(id="T2.2", scope="train.ipynb"))
    assert move_scope(path, "old-name.ipynb", "train.ipynb") == 0
    assert [(e.answer, e.scope) for e in load_record(path).entries if e.id == "T2.2"] == [
        ("attested", "train.ipynb")
    ]


def test_of_two_answers_for_one_id_the_one_that_counts_moves(tmp_path: Path) -> None:
    path = copy("answered-twice.yaml", tmp_path)
    assert move_scope(path, "train.ipynb", "old-name.ipynb") == 1
    entries = load_record(path).entries
    assert [(e.id, e.answer, e.scope) for e in entries] == [
        ("A1.2", "attested", "project"),
        ("F1.5", "waived", "old-name.ipynb"),  # the later of the two, the one that counted
        ("T2.2", "not-applicable", "old-name.ipynb"),
    ]
    assert move_scope(path, "old-name.ipynb", "train.ipynb") == 2
