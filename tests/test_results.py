"""The result cache: a file's Facts are reused only while its bytes, raiassist's code, the
pack and the catalogue are as they were; answers and configuration apply at once."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from raiassist import results
from raiassist.checking import Report, check_paths
from raiassist.config import load_config
from raiassist.reporters.json_report import report_json
from raiassist.standard import load_standard
from tests.helpers import FIXTURES, run_cli

Check = Callable[[], Report]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "results", tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents the cache had to scan (the real scan runs; it is only counted)."""
    names: list[str] = []
    real = results.scan

    def counted(document: Any, **options: Any) -> Any:
        names.append(document.kind)
        return real(document, **options)

    monkeypatch.setattr(results, "scan", counted)
    monkeypatch.setattr(results, "SETTLED", 0.0)  # files just written count as settled
    monkeypatch.delenv("RAIASSIST_NO_CACHE", raising=False)
    return names


@pytest.fixture
def check(project: Path, tmp_path: Path) -> Check:
    def run() -> Report:
        config = load_config(project)
        standard = load_standard(config.settings.packs, config.root, config.catalogue_paths)
        cache = results.Results.open(standard, config.root, tmp_path / "cache")
        assert cache is not None
        return check_paths([project], config, standard, parallel=False, results=cache)

    return run


def _signals(report: Report, name: str) -> set[str]:
    return next(set(f.facts.signals) for f in report.files if f.path.endswith(name))


def _json(report: Report) -> dict[str, Any]:
    return report_json(report, "info")


def _kept(cache: Path) -> int:
    """How many files' reports the snapshot's shards in `cache` hold."""
    return sum(len(results._Snapshot(s).index) for s in cache.glob("snapshot-*.bin"))


def test_a_change_to_one_file_rewrites_one_shard(
    check: Check,
    scanned: list[str],
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pre-commit run after one file changed rewrites the shard that holds it, not the
    snapshot of the whole project."""
    monkeypatch.setattr(results, "_shard_of", lambda path: 0 if path.endswith(".py") else 1)
    check()
    before = {s.name: s.stat().st_mtime_ns for s in (tmp_path / "cache").glob("snapshot-*.bin")}
    script = project / "scoring.py"
    script.write_text(script.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    check()
    after = {s.name: s.stat().st_mtime_ns for s in (tmp_path / "cache").glob("snapshot-*.bin")}
    assert len(before) == 2
    assert [name for name in before if after[name] != before[name]] == [
        name for name in before if name.endswith("-00.bin")
    ]
    assert sorted(scanned) == ["notebook", "script", "script"]


def test_an_unchanged_project_is_not_scanned_again(check: Check, scanned: list[str]) -> None:
    first = check()
    assert sorted(scanned) == ["notebook", "script"]
    again = check()
    assert sorted(scanned) == ["notebook", "script"]  # nothing more was scanned
    assert _json(again) == _json(first)


def test_a_changed_byte_is_scanned_again_even_with_its_old_times(
    check: Check, scanned: list[str], project: Path
) -> None:
    assert "calls-llm-api" in _signals(check(), "scoring.py")
    script = project / "scoring.py"
    before = script.stat()
    text = script.read_bytes()
    script.write_bytes(text.replace(b"llm_gateway.complete(", b"llm_gateway.kompleto("))
    os.utime(script, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert script.stat().st_size == before.st_size  # same size, same modification time
    assert "calls-llm-api" not in _signals(check(), "scoring.py")
    assert scanned.count("script") == 2 and scanned.count("notebook") == 1


def test_a_changed_catalogue_is_scanned_again(
    check: Check, scanned: list[str], project: Path
) -> None:
    assert "calls-llm-api" in _signals(check(), "scoring.py")
    catalogue = project / "acme.catalogue.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('"acme.llm_gateway.complete", ', ""), encoding="utf-8")
    assert "calls-llm-api" not in _signals(check(), "scoring.py")
    assert sorted(scanned) == ["notebook", "notebook", "script", "script"]


def test_a_changed_pack_is_scanned_again(check: Check, scanned: list[str], project: Path) -> None:
    first = check()
    pack = project / "org.yaml"
    pack.write_text(pack.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _json(check()) == _json(first)
    assert sorted(scanned) == ["notebook", "notebook", "script", "script"]


def test_an_answer_changes_the_verdict_at_once(
    check: Check, scanned: list[str], project: Path
) -> None:
    def status(report: Report) -> str:
        found = next(f for f in report.files if f.path.endswith("scoring.py"))
        return next(r.status for r in found.requirements if r.id == "F2.5")

    assert status(check()) == "open"
    shutil.copy(FIXTURES / "results" / "answers.yaml", project / "responsible-ai.yaml")
    assert status(check()) == "waived"
    assert len(scanned) == 2  # the answer applied to the facts kept from the first run


def _status(report: Report, name: str, requirement: str) -> str | None:
    found = next(f for f in report.files if f.path.endswith(name))
    return next((r.status for r in found.requirements if r.id == requirement), None)


def test_configuration_documents_and_names_change_a_kept_verdict_at_once(
    check: Check, scanned: list[str], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report kept in the snapshot is used again only while everything its findings were
    decided from is as it was: the configuration, the project's documents, how the file is
    shown. None of these is in the file's bytes, so nothing is scanned again."""
    assert _status(check(), "scoring.py", "T2.2") == "open"
    (project / "README.md").write_bytes(
        (FIXTURES / "projects/hf_model_card/README.md").read_bytes()
    )
    assert _status(check(), "scoring.py", "T2.2") == "met"  # a model card now counts
    config = project / "raiassist.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'ignore = ["T2.2"]\n', encoding="utf-8")
    assert _status(check(), "scoring.py", "T2.2") is None
    shown = {f.path for f in check().files}
    monkeypatch.chdir(project)
    assert {f.path for f in check().files} == {"credit_model.ipynb", "scoring.py"} != shown
    assert sorted(scanned) == ["notebook", "script"]


def test_the_date_is_part_of_what_a_verdict_is_kept_by(project: Path) -> None:
    """Answers and waivers expire, so a report kept yesterday is not today's."""
    from dataclasses import replace

    from raiassist.checking import _run_key
    from raiassist.evaluate import Inputs
    from raiassist.record import load_record

    config = load_config(project)
    standard = load_standard(config.settings.packs, config.root, config.catalogue_paths)
    today = Inputs(standard, config.settings, load_record(config.record_path))
    tomorrow = replace(today, today=today.today + dt.timedelta(days=1))
    assert _run_key(today) == _run_key(replace(today)) != _run_key(tomorrow)


def test_broken_snapshots_and_leftovers_of_a_crash_are_misses(
    check: Check, scanned: list[str], tmp_path: Path
) -> None:
    first = check()
    snapshots = sorted((tmp_path / "cache").glob("snapshot-*.bin"))
    assert snapshots and _kept(tmp_path / "cache") == 2
    for snapshot in snapshots:  # as a crash mid-write without atomic renames leaves them
        snapshot.write_bytes(snapshot.read_bytes()[:40])
    (tmp_path / "cache" / ".snapshot-left-by-a-crash.bin.1.0.tmp").write_bytes(b"\x80\x05")
    assert _json(check()) == _json(first)
    assert len(scanned) == 4
    assert _json(check()) == _json(first)  # and the rewritten snapshots serve again
    assert len(scanned) == 4


def test_a_snapshot_with_damaged_reports_is_a_miss(
    check: Check, scanned: list[str], tmp_path: Path
) -> None:
    first = check()
    for shard in (tmp_path / "cache").glob("snapshot-*.bin"):
        snapshot = results._Snapshot(shard)
        start = snapshot.start  # the index is left whole, every value after it zeroed
        snapshot.close()
        data = shard.read_bytes()
        shard.write_bytes(data[:start] + bytes(len(data) - start))
    assert _json(check()) == _json(first)
    assert len(scanned) == 4  # what could not be read was scanned again


def test_a_touched_file_keeps_its_facts(check: Check, scanned: list[str], project: Path) -> None:
    """A file whose stat changed but whose bytes did not (touched, checked out again) is read
    and found by its bytes' address: evaluated again, not scanned."""
    first = check()
    script = project / "scoring.py"
    script.write_bytes(script.read_bytes())
    assert _json(check()) == _json(first)
    assert sorted(scanned) == ["notebook", "script"]


def test_a_file_just_written_is_read_again_and_found_by_its_bytes(
    check: Check, scanned: list[str], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file written within `SETTLED` seconds is not known by its stat (a second write in the
    same clock tick would leave the same one): the next run reads it, and while its bytes are
    the same it keeps its facts; a changed byte is scanned again."""
    monkeypatch.setattr(results, "SETTLED", 1e9)  # every file counts as just written
    first = check()
    assert _json(check()) == _json(first)
    assert sorted(scanned) == ["notebook", "script"]
    script = project / "scoring.py"
    script.write_bytes(script.read_bytes().replace(b"llm_gateway.complete(", b"llm_gateway.x("))
    assert "calls-llm-api" not in _signals(check(), "scoring.py")
    assert sorted(scanned) == ["notebook", "script", "script"]


def test_a_renamed_file_keeps_its_facts(
    check: Check, scanned: list[str], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytes checked before under another path are found by their address among the shards a
    run reads (here one; a batch over a project reads most); the report is for the new name."""
    monkeypatch.setattr(results, "SHARDS", 1)
    first = check()
    (project / "scoring.py").rename(project / "scoring_renamed.py")
    again = check()
    assert _signals(again, "scoring_renamed.py") == _signals(first, "scoring.py")
    assert sorted(scanned) == ["notebook", "script"]
    assert {f.path.rsplit("/", 1)[-1] for f in again.files} == {
        "credit_model.ipynb",
        "scoring_renamed.py",
    }


def test_a_warm_text_report_reads_no_findings_it_does_not_show(
    check: Check, scanned: list[str], project: Path
) -> None:
    """Files whose reports the snapshot kept come with their briefs: the text report, its
    summary, the exit code and the project's requirements are made from those, and only a
    file that settles a project requirement (on a tie, the first) has its findings read."""
    from raiassist.reporters.common import failing
    from raiassist.reporters.text import render

    for number in range(3):  # files like the first in every way settle nothing
        shutil.copy(project / "scoring.py", project / f"scoring_{number}.py")
    first = check()
    again = check()
    assert len(scanned) == 5
    assert render(again, "warning") == render(first, "warning")
    assert failing(again, "error") == failing(first, "error")
    read = sorted(f.path.rsplit("/", 1)[-1] for f in again.files if "_load" not in f.__dict__)
    assert read == ["credit_model.ipynb", "scoring.py"]
    # and read when asked, they are what was kept
    assert [f.findings for f in again.files] == [f.findings for f in first.files]


def test_a_kept_report_whose_bytes_changed_is_a_miss(
    check: Check, scanned: list[str], tmp_path: Path
) -> None:
    """A report's bytes are checked when its brief is read, so that reading them later (as
    late as the report's rendering) cannot fail: a changed byte is a miss, found at once."""
    first = check()
    for shard in (tmp_path / "cache").glob("snapshot-*.bin"):
        snapshot = results._Snapshot(shard)
        places = [known[3] for known in snapshot.index.values()]
        snapshot.close()
        data = bytearray(shard.read_bytes())
        for offset, length in places:
            data[snapshot.start + offset + length // 2] ^= 0xFF
        shard.write_bytes(bytes(data))
    assert _json(check()) == _json(first)
    assert len(scanned) == 4


def test_kept_facts_whose_bytes_changed_are_not_used_for_a_touched_file(
    check: Check, scanned: list[str], project: Path, tmp_path: Path
) -> None:
    """Facts found again by a file's bytes (its stat changed, its bytes did not) are checked
    as a kept report is: a letter changed in them, which still unpickles, is a miss."""
    first = check()
    script = project / "scoring.py"
    for shard in (tmp_path / "cache").glob("snapshot-*.bin"):
        snapshot = results._Snapshot(shard)
        known = snapshot.index.get(str(script.resolve()))
        snapshot.close()
        if known is not None:
            data = bytearray(shard.read_bytes())
            start, length = snapshot.start + known[3][0], known[3][1]
            where = data.index(b"llm_gateway", start, start + length)
            data[where] = ord("L")  # the same length: the pickle still reads
            shard.write_bytes(bytes(data))
    script.write_bytes(script.read_bytes())
    assert _json(check()) == _json(first)
    assert sorted(scanned) == ["notebook", "script", "script"]


def test_a_file_a_detector_crashed_on_is_not_kept(
    check: Check, scanned: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash is reported, and logged, by every run until it is fixed: its report is not kept."""
    from raiassist.detectors import REGISTRY

    def broken(*_: object) -> None:
        raise RuntimeError("a detector's bug")

    monkeypatch.setattr(REGISTRY, "_on_identifier", [broken])
    first = check()
    problems = [p.message for f in first.files for p in f.facts.problems]
    assert any(message.startswith("internal error") for message in problems)
    assert _json(check()) == _json(first)
    assert len(scanned) == 4


def test_the_folder_stays_within_its_bound(
    check: Check, scanned: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results, "MAX_BYTES", 1)
    check()
    assert sum(p.stat().st_size for p in (tmp_path / "cache").iterdir()) <= 1


@pytest.mark.parametrize("bound", ["MAX_INDEXED", "MAX_SNAPSHOT"])
def test_a_snapshot_stays_within_its_bounds(
    bound: str, check: Check, scanned: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past its bound (paths, or bytes of reports) a snapshot lets the longest unused go
    first; a file left out is scanned again."""
    monkeypatch.setattr(results, "SHARDS", 1)
    monkeypatch.setattr(results, bound, 1)
    first = check()
    kept = _kept(tmp_path / "cache")
    assert kept == (1 if bound == "MAX_INDEXED" else 0)
    assert _json(check()) == _json(first)
    assert len(scanned) == 2 + (2 - kept)


def test_a_folder_others_can_write_to_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert results.Results.open(load_standard(), tmp_path, shared) is None


def test_no_cache_reads_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "RAIASSIST_CACHE_DIR": str(cache)}
    env.pop("RAIASSIST_NO_CACHE", None)
    out = tmp_path / "out.json"
    run_cli("check", str(project), "--no-cache", "--format", "json", "-o", str(out), env=env)
    assert json.loads(out.read_text())["summary"]["files"] == 2
    assert not cache.exists()


def test_concurrent_runs_share_the_folder(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "RAIASSIST_CACHE_DIR": str(cache)}
    env.pop("RAIASSIST_NO_CACHE", None)

    def run(number: int) -> str:
        out = tmp_path / f"out-{number}.json"
        done = run_cli("check", str(project), "--format", "json", "-o", str(out), env=env)
        assert done.returncode == 1, done.stderr
        return out.read_text()

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        outputs = list(pool.map(run, range(4)))
    assert len(set(outputs)) == 1
    assert _kept(cache) == 2
    assert not list(cache.glob("*.tmp"))


def test_a_kept_report_evaluated_again_knows_which_cells_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When an answer changes, a kept report is evaluated again from its kept facts: the
    cells come back without their code but with whether each ran, so a requirement met only
    by cells that never ran is still told apart (`not_run`), as a fresh check tells it."""
    monkeypatch.setattr(results, "SETTLED", 0.0)
    monkeypatch.delenv("RAIASSIST_NO_CACHE", raising=False)
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "projects" / "not_run", project)

    def report(cache: Path | None) -> dict[str, Any]:
        config = load_config(project)
        standard = load_standard(config.settings.packs, config.root, config.catalogue_paths)
        kept = None if cache is None else results.Results.open(standard, config.root, cache)
        return _json(check_paths([project], config, standard, parallel=False, results=kept))

    cache = tmp_path / "cache"
    report(cache)
    shutil.copy(
        FIXTURES / "records" / "attested-impact-assessment.yaml", project / "responsible-ai.yaml"
    )
    again, fresh = report(cache), report(None)
    assert again == fresh
    assert any(r["not_run"] for f in fresh["files"] for r in f["requirements"])
    assert any(r["id"] == "A1.1" and r["status"] == "met" for r in fresh["project"]["requirements"])


def test_a_snapshot_in_use_is_not_the_first_to_be_pruned(
    check: Check, scanned: list[str], tmp_path: Path
) -> None:
    """Pruning goes by modification time, and a warm run rewrites nothing: a snapshot that
    serves is marked as used (once a day), so a project checked daily keeps it."""
    check()
    shards = list((tmp_path / "cache").glob("snapshot-*.bin"))
    long_ago = shards[0].stat().st_mtime - 3 * results.REFRESHED
    for shard in shards:
        os.utime(shard, (long_ago, long_ago))
    check()
    assert all(s.stat().st_mtime > long_ago + 2 * results.REFRESHED for s in shards)
    assert len(scanned) == 2


def test_a_fifo_where_an_entry_should_be_is_a_miss_not_a_wait(
    check: Check, scanned: list[str], tmp_path: Path
) -> None:
    """Nothing in the cache folder is waited on: a FIFO in the place of a snapshot shard is
    passed over as a miss (opening one to read would block)."""
    first = check()
    cache = tmp_path / "cache"
    for entry in cache.glob("snapshot-*.bin"):
        entry.unlink()
        os.mkfifo(entry)
    assert _json(check()) == _json(first)
    assert len(scanned) == 4
