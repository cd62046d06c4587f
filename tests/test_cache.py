"""The on-disk cache of validated inputs: keyed by the code and by the files read, bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from raiassist import cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("RAIASSIST_NO_CACHE", raising=False)
    return tmp_path


def test_an_entry_is_built_once_while_its_files_are_unchanged(folder: Path) -> None:
    source = folder / "pack.yaml"
    source.write_text("a: 1\n")
    built: list[str] = []

    def build() -> tuple[cache.Fingerprint, str]:
        built.append(source.read_text())
        return cache.fingerprint([source]), source.read_text()

    assert cache.remember("kind", "key", build) == "a: 1\n"
    assert cache.remember("kind", "key", build) == "a: 1\n"
    source.write_text("a: 2\n")
    assert cache.remember("kind", "key", build) == "a: 2\n"
    assert built == ["a: 1\n", "a: 2\n"]


def test_the_cache_folder_stays_bounded(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 10)
    for number in range(25):
        cache.remember("kind", f"key-{number}", lambda n=number: ((), n))  # type: ignore[misc]
    kept = list((folder / "raiassist" / "cache").glob("*.pickle"))
    assert 0 < len(kept) <= 10


def test_entries_are_keyed_by_the_code_that_wrote_them() -> None:
    version = cache.code_version()
    assert version.startswith(cache.__version__ + "+") and len(version) > 10
