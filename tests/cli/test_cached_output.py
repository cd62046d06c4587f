"""The result cache changes how fast `raiassist check` answers, never what it says: every
format prints the same bytes cold (an empty cache), warm (reports found again by the
snapshot, or facts by the files' bytes) and with the cache off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from raiassist import results
from raiassist.checking import check_paths
from raiassist.config import load_config
from raiassist.reporters import FORMATS, renderer
from raiassist.standard import load_standard
from tests.helpers import FIXTURES, run_cli

PROJECTS = ["results", "projects/waivers", "projects/not_run", "projects/renamed",
            "projects/hf_model_card"]  # fmt: skip


@pytest.fixture(params=PROJECTS)
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / request.param, tmp_path / "project")
    return tmp_path / "project"


def _outputs(project: Path, cache: Path | None, show: str) -> dict[str, str]:
    """Every format's output of one in-process check of `project`, through `cache`, showing
    findings from `show` up (the configured level, warning, is what reports kept brief)."""
    config = load_config(project)
    standard = load_standard(config.settings.packs, config.root, config.catalogue_paths)
    kept = None if cache is None else results.Results.open(standard, config.root, cache)
    assert cache is None or kept is not None
    report = check_paths([project], config, standard, parallel=False, results=kept)
    return {name: renderer(name)(report, show) for name in FORMATS}


@pytest.mark.parametrize("show", ["info", "warning"])
def test_every_format_is_the_same_cold_warm_and_uncached(
    show: str, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results, "SETTLED", 0.0)  # files just copied go into the stat index
    monkeypatch.delenv("RAIASSIST_NO_CACHE", raising=False)
    cache = tmp_path / "cache"
    cold = _outputs(project, cache, show)
    index = list(cache.glob("snapshot-*.bin"))
    warm = _outputs(project, cache, show)
    uncached = _outputs(project, None, show)
    assert index, "the warm run did not go through the snapshot"
    for name in FORMATS:
        assert warm[name] == cold[name], f"{name}: warm differs from cold"
        assert uncached[name] == cold[name], f"{name}: --no-cache differs from cold"


@pytest.mark.parametrize("form", ["text", "json", "sarif"])
def test_the_command_prints_the_same_cold_warm_and_uncached(
    form: str, project: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "RAIASSIST_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("RAIASSIST_NO_CACHE", None)

    def run(*options: str) -> tuple[int, str]:
        done = run_cli("check", str(project), "--format", form, *options, env=env)
        assert done.returncode in (0, 1), done.stderr
        return done.returncode, done.stdout

    cold = run()
    assert list((tmp_path / "cache").glob("snapshot-*.bin")), "the cold run kept nothing"
    assert run() == cold
    assert run("--no-cache") == cold


def test_json_kept_per_file_follows_an_answer_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON of each file is kept with its report and printed as it is while the report
    is unchanged; an answer that changes the report changes what is printed."""
    from raiassist.cli.main import main

    monkeypatch.setattr(results, "SETTLED", 0.0)  # files just copied go into the snapshot
    monkeypatch.delenv("RAIASSIST_NO_CACHE", raising=False)
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "results", project)
    cache = tmp_path / "cache"

    def run(*options: str) -> str:
        capsys.readouterr()
        code = main(["check", str(project), "--format", "json", "--cache-dir", str(cache),
                     *options])  # fmt: skip
        assert code in (0, 1)
        return capsys.readouterr().out

    first = run()
    kept = [e for s in cache.glob("snapshot-*.bin") for e in results._Snapshot(s).index.values()]
    assert len(kept) == 2 and all(entry[5] for entry in kept)
    assert run() == first  # printed from what was kept
    shutil.copy(FIXTURES / "results" / "answers.yaml", project / "responsible-ai.yaml")
    answered = run()
    assert answered == run("--no-cache") == run() != first
    assert '"status": "waived"' in answered
